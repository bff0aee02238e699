package io.pharos.node.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Template;
import io.pharos.core.state.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
    private static final ServerUrls SERVER = DefaultContentTest.SERVER;

    private final State state = new State();
    private final TemplateRenderer renderer = new TemplateRenderer(state);

    private String render(String body, Machine machine, BootEnv env) throws TemplateException {
        state.apply(new Command.PutTemplate(new Template("t", body)));
        return renderer.render("t", new RenderContext(machine, env, state.params(), DefaultContentTest.MAC, "efi64", SERVER));
    }

    @Test
    void machineParamsOverrideGlobalOnes() throws Exception {
        state.apply(new Command.PutParam("console", "tty0"));
        state.apply(new Command.PutParam("ntp", "pool.ntp.org"));
        Machine machine = DefaultContentTest.machine(null, Map.of("console", "ttyS1,115200"));

        String out = render("{{ params.console }} {{ params.ntp }} {{ machine.params.console }}", machine, null);

        assertEquals("ttyS1,115200 pool.ntp.org ttyS1,115200", out);
        assertEquals("tty0 pool.ntp.org", render("{{ params.console }} {{ params.ntp }}", null, null),
                "an unknown machine sees the global value");
    }

    @Test
    void everyDocumentedVariableIsThere() throws Exception {
        BootEnv env = new BootEnv("ubuntu", "Ubuntu", "ubuntu/vmlinuz", List.of("ubuntu/initrd", "ubuntu/extra"),
                "quiet", Map.of(), List.of());
        String body = "{{ machine.name }}|{{ machine.id }}|{{ machine.macs[0] }}|{{ machine.address }}|"
                + "{{ bootenv.name }}|{{ bootenv.kernel }}|{{ bootenv.initrd }}|{{ bootenv.initrds | join(',') }}|"
                + "{{ bootenv.kernelArgs }}|{{ mac }}|{{ mac_dashes }}|{{ arch }}|"
                + "{{ server.address }}|{{ server.http }}|{{ server.boot }}";

        String out = render(body, DefaultContentTest.machine("local", Map.of()), env);

        assertEquals("web-1|3f1c2b4a-1111-4222-8333-944455556666|52:54:00:12:34:56|10.0.0.50|"
                + "ubuntu|ubuntu/vmlinuz|ubuntu/initrd|ubuntu/initrd,ubuntu/extra|quiet|"
                + "52:54:00:12:34:56|52-54-00-12-34-56|efi64|10.0.0.1|http://10.0.0.1:8080|http://10.0.0.1:8080/boot/files", out);
    }

    @Test
    void missingValuesRenderEmpty() throws Exception {
        assertEquals("[][][]", render("[{{ params.nothing }}][{{ machine.name }}][{{ nowhere.at.all }}]", null, null));
    }

    @Test
    void outputIsNotHtmlEscaped() throws Exception {
        state.apply(new Command.PutParam("args", "a=1&b=<2>"));
        assertEquals("a=1&b=<2>", render("{{ params.args }}", null, null));
    }

    @Test
    void anEditedTemplateIsRecompiled() throws Exception {
        assertEquals("one", render("one", null, null));
        assertEquals("two", render("two", null, null));
    }

    @Test
    void errorsNameTheTemplateAndLine() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> render("#!ipxe\necho fine\n{% if %}\n", null, null));
        assertTrue(e.getMessage().startsWith("template 't' line 3: "), e.getMessage());

        Optional<String> problem = TemplateRenderer.check("line one\n{{ unclosed ");
        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("line 2"), problem.get());
        assertEquals(Optional.empty(), TemplateRenderer.check("{{ params['x'] }}"));
    }

    @Test
    void aMissingTemplateSaysWhatToDo() {
        TemplateException e = assertThrows(TemplateException.class, () -> renderer.render("nope",
                new RenderContext(null, null, Map.of(), null, "", SERVER)));
        assertTrue(e.getMessage().contains("template 'nope' does not exist"), e.getMessage());
    }
}
