package dev.promobot.github;

import java.util.regex.Pattern;

/**
 * A repository on GitHub as a request path needs it: {@code owner} and {@code name} each encoded as one path
 * segment, and {@code fullName} ("owner/name") as people read it.
 */
record GitHubRepository(String fullName, String owner, String name) {

    private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    /** @throws IllegalArgumentException when {@code fullName} is not written owner/name */
    static GitHubRepository of(String fullName) {
        if (fullName == null || !OWNER_NAME.matcher(fullName).matches()) {
            throw new IllegalArgumentException("the GitHub repository must be written owner/name: " + fullName);
        }
        int slash = fullName.indexOf('/');
        return new GitHubRepository(fullName, GitHubApi.segment(fullName.substring(0, slash)),
                GitHubApi.segment(fullName.substring(slash + 1)));
    }

    @Override
    public String toString() {
        return fullName;
    }
}
