package dev.promobot.github;

import io.quarkus.rest.client.reactive.ClientQueryParam;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The GitHub REST endpoints promobot reads: the three of the release tag check ({@link GitHubReleaseTagCheck}), a
 * commit, for the time lead time for changes starts at ({@link GitHubCommitTimes}), and a comparison with its
 * commits, for a promotion's changelog ({@link GitHubChangelogs}). Built with
 * {@code QuarkusRestClientBuilder} ({@link #connect}) because the API URL and token are only known from the settings.
 *
 * <p>Path pieces are {@link Encoded}: the caller encodes each one, so a branch name's slashes stay separators
 * while everything else in it is escaped. Every method answers a {@link Response} whatever its status, so the
 * caller tells 200, 404 and the refusals apart itself (the builder turns the default exception mapper off).
 *
 * @see <a href="https://docs.github.com/rest/git">GitHub's Git database API</a>
 */
@Path("/repos/{owner}/{repo}")
@Produces(GitHubApi.MEDIA_TYPE)
@ClientHeaderParam(name = "X-GitHub-Api-Version", value = GitHubApi.API_VERSION)
@ClientHeaderParam(name = "User-Agent", value = GitHubApi.USER_AGENT)
public interface GitHubApi extends AutoCloseable {

    String MEDIA_TYPE = "application/vnd.github+json";
    String API_VERSION = "2022-11-28";
    String USER_AGENT = "promobot";

    /** A tag's ref; its object is the commit, or the annotated tag object, the tag names. */
    @GET
    @Path("/git/ref/tags/{tag}")
    Response tagRef(@Encoded @PathParam("owner") String owner, @Encoded @PathParam("repo") String repo,
            @Encoded @PathParam("tag") String tag, @HeaderParam("Authorization") String authorization);

    /** An annotated tag object; its object is what the tag points at, possibly another tag. */
    @GET
    @Path("/git/tags/{sha}")
    Response tagObject(@Encoded @PathParam("owner") String owner, @Encoded @PathParam("repo") String repo,
            @Encoded @PathParam("sha") String sha, @HeaderParam("Authorization") String authorization);

    /**
     * How {@code head} relates to {@code base}, written {@code base...head}. One commit per page: only the status
     * is needed, not the list of commits between the two.
     */
    @GET
    @Path("/compare/{basehead}")
    @ClientQueryParam(name = "per_page", value = "1")
    Response compare(@Encoded @PathParam("owner") String owner, @Encoded @PathParam("repo") String repo,
            @Encoded @PathParam("basehead") String basehead, @HeaderParam("Authorization") String authorization);

    /**
     * The commits {@code head} has and {@code base} lacks, written {@code base...head}, one page of them: oldest
     * first, {@code perPage} (at most 100) to a page; {@code total_commits} counts them all.
     */
    @GET
    @Path("/compare/{basehead}")
    Response compareCommits(@Encoded @PathParam("owner") String owner, @Encoded @PathParam("repo") String repo,
            @Encoded @PathParam("basehead") String basehead, @QueryParam("per_page") int perPage,
            @QueryParam("page") int page, @HeaderParam("Authorization") String authorization);

    /** One commit; {@code commit.committer.date} is when it was committed. {@code ref} may be a short sha. */
    @GET
    @Path("/commits/{ref}")
    Response commit(@Encoded @PathParam("owner") String owner, @Encoded @PathParam("repo") String repo,
            @Encoded @PathParam("ref") String ref, @HeaderParam("Authorization") String authorization);

    /** Frees the connections the client holds. */
    @Override
    void close();

    /**
     * A client for the API at {@code apiBase} whose every request may take {@code timeout}. Redirects are not
     * followed: they would carry the Authorization header to wherever they point. Every status comes back as a
     * Response, so the caller can name it instead of an exception doing so.
     */
    static GitHubApi connect(URI apiBase, Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(apiBase)
                .connectTimeout(millis, TimeUnit.MILLISECONDS)
                .readTimeout(millis, TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .build(GitHubApi.class);
    }

    /** Text for one {@code @Encoded} path segment: URLEncoder encodes for forms, and a path wants %20, not +. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
