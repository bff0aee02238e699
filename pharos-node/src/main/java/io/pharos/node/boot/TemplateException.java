package io.pharos.node.boot;

/** A template could not be rendered; the message names the template and, when known, the line. */
public final class TemplateException extends Exception {
    private final String templateName;

    public TemplateException(String templateName, String message) {
        super(message);
        this.templateName = templateName;
    }

    public String templateName() {
        return templateName;
    }
}
