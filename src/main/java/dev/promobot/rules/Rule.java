package dev.promobot.rules;

/**
 * The rules of DESIGN.md section 2 and the two that stop the line (R13 the freeze, R14 scheduled freeze windows),
 * explained with example refusals in docs/rules.md; every refusal names the one it comes from.
 */
public enum Rule {
    R1("tag format"),
    R2("existence"),
    R3("source"),
    R4("source present"),
    R5("no-op"),
    R6("release tag"),
    R7("approval"),
    R8("digest identity"),
    R9("locks"),
    R10("one at a time"),
    R11("rollback"),
    R12("access"),
    R13("freeze"),
    R14("freeze windows");

    private final String title;

    Rule(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
