package io.pharos.node.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ActiveServices} from parts: the active-only services (started in order, stopped in reverse) and the
 * health checks of what every node runs (HTTP, the data directory).
 */
public final class ServiceSet implements ActiveServices {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceSet.class);

    /** One active-only service, e.g. DHCP or TFTP: created and bound on start, closed on stop. */
    public interface Service {
        String name();

        void start() throws Exception;

        void stop();

        /** What is wrong with the running service (socket closed, receive thread dead), or empty. */
        Optional<String> problem();
    }

    /** A check of something the active node needs that runs on every node. */
    public interface HealthCheck {
        String name();

        Optional<String> problem();
    }

    private final List<Service> services;
    private final List<HealthCheck> checks;
    private final List<Service> running = new ArrayList<>();

    public ServiceSet(List<Service> services, List<HealthCheck> checks) {
        this.services = List.copyOf(services);
        this.checks = List.copyOf(checks);
    }

    /** Starts each service; if one fails, those already started are stopped again and the failure thrown. */
    @Override
    public synchronized void start() throws Exception {
        for (Service service : services) {
            try {
                service.start();
                running.add(service);
            } catch (Exception e) {
                stop();
                throw new Exception(service.name() + " did not start: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            Service service = running.get(i);
            try {
                service.stop();
            } catch (RuntimeException e) {
                LOG.error("HA_SERVICE_STOP_FAILED {}: {}; it may still hold its socket, restart the node if it keeps "
                        + "answering", service.name(), e.toString());
            }
        }
        running.clear();
    }

    @Override
    public ServiceHealth health() {
        List<ServiceHealth.Problem> problems = new ArrayList<>();
        List<Service> now;
        synchronized (this) {
            now = List.copyOf(running);
        }
        for (Service service : now)
            check(service.name(), service::problem, problems);
        for (HealthCheck check : checks)
            check(check.name(), check::problem, problems);
        return new ServiceHealth(problems);
    }

    private static void check(String name, Supplier<Optional<String>> probe,
                              List<ServiceHealth.Problem> problems) {
        try {
            probe.get().ifPresent(p -> problems.add(new ServiceHealth.Problem(name, p)));
        } catch (RuntimeException e) {
            problems.add(new ServiceHealth.Problem(name, "health check failed: " + e));
        }
    }
}
