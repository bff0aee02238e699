package io.pharos.node.ha;

/**
 * The failover states; see the package documentation for when each is entered, what it does and when it
 * is left. One kebab-case name per state, the same in logs, the API and tests.
 */
public enum HaState {
    PASSIVE("passive"),
    FENCING("fencing"),
    ACTIVATING("activating"),
    ACTIVE("active"),
    STEPPING_DOWN("stepping-down"),
    STOPPED("stopped");

    private final String label;

    HaState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** States in which this node needs a valid lease (and renews it). */
    boolean holdsLeadership() {
        return this == FENCING || this == ACTIVATING || this == ACTIVE;
    }

    @Override
    public String toString() {
        return label;
    }
}
