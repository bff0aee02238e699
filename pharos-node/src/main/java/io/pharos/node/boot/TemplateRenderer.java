package io.pharos.node.boot;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pharos.core.model.Template;
import io.pharos.core.state.State;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders templates of the replicated state with Pebble. Compiled templates are cached by name and the
 * hash of the body, so an edited template is recompiled on first use and no invalidation is needed.
 * Output is not HTML-escaped (these are boot scripts) and newlines after tags are kept (a line ending in
 * {@code {{ value }}} stays a line; use {@code {%- ... %}} to drop the newline before a control tag). A
 * missing value renders as empty and is logged once per template and value.
 */
public final class TemplateRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateRenderer.class);
    private static final int MAX_CACHED = 512;
    private static final int MAX_MISSING_REMEMBERED = 4096;
    private static final int MAX_RENDERED_CHARS = 1 << 20;
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(new StringLoader())
            .autoEscaping(false)
            .newLineTrimming(false)
            .strictVariables(false)
            .cacheActive(false)
            .maxRenderedSize(MAX_RENDERED_CHARS)
            .build();

    private final State state;
    private final Map<CacheKey, PebbleTemplate> compiled = new ConcurrentHashMap<>();
    private final Set<String> missingReported = ConcurrentHashMap.newKeySet();

    private record CacheKey(String name, String bodySha256) {}

    public TemplateRenderer(State state) {
        this.state = state;
    }

    /** Renders the named template of the state. */
    public String render(String templateName, RenderContext context) throws TemplateException {
        Template template = state.template(templateName).orElseThrow(() -> new TemplateException(templateName,
                "template '" + templateName + "' does not exist; create it (PUT /api/v1/templates/" + templateName
                        + ") or fix the boot environment that names it"));
        return render(template, context);
    }

    public String render(Template template, RenderContext context) throws TemplateException {
        PebbleTemplate compiledTemplate = compile(template);
        StringWriter out = new StringWriter();
        try {
            compiledTemplate.evaluate(out, context.variables(value -> missing(template.name(), value)));
        } catch (PebbleException e) {
            throw new TemplateException(template.name(), describe(template.name(), e));
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** Empty when body compiles; otherwise the error with its line, for the API to refuse the template. */
    public static Optional<String> check(String body) {
        try {
            ENGINE.getTemplate(body);
            return Optional.empty();
        } catch (PebbleException e) {
            return Optional.of(describe(null, e));
        }
    }

    private PebbleTemplate compile(Template template) throws TemplateException {
        CacheKey key = new CacheKey(template.name(), sha256(template.body()));
        PebbleTemplate cached = compiled.get(key);
        if (cached != null) return cached;
        PebbleTemplate fresh;
        try {
            fresh = ENGINE.getTemplate(template.body());
        } catch (PebbleException e) {
            throw new TemplateException(template.name(), describe(template.name(), e));
        }
        if (compiled.size() >= MAX_CACHED) compiled.clear();
        compiled.put(key, fresh);
        return fresh;
    }

    private void missing(String templateName, String value) {
        if (missingReported.size() >= MAX_MISSING_REMEMBERED) return;
        if (missingReported.add(templateName + "\0" + value))
            LOG.info("TEMPLATE_VALUE_MISSING template={} value={}: rendered as empty; set it (a param, or a field of"
                    + " the machine or boot environment) if the template needs it", templateName, value);
    }

    private static String describe(String templateName, PebbleException e) {
        String where = templateName == null ? "template" : "template '" + templateName + "'";
        if (e.getLineNumber() != null) where += " line " + e.getLineNumber();
        String message = e.getPebbleMessage() != null ? e.getPebbleMessage() : String.valueOf(e.getMessage());
        return where + ": " + message;
    }

    private static String sha256(String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
