package dev.promobot.promotion;

import dev.promobot.rules.Digest;
import dev.promobot.rules.PromotionRequest;
import dev.promobot.rules.ReleaseTag;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Promotion requests awaiting approval, and the release tags already bound to a digest. */
@ApplicationScoped
public class PromotionRequests {

    private final Db db;

    PromotionRequests(Db db) {
        this.db = db;
    }

    public List<PromotionRequest> open() {
        return db.list("SELECT * FROM promotion_request WHERE status = 'open' ORDER BY id", rs -> {
            long id = rs.getLong("id");
            List<Long> approvers = db.list("SELECT approver_id FROM approval WHERE request_id = ? ORDER BY id",
                    row -> row.getLong(1), id);
            return new PromotionRequest(id, rs.getString("target_environment"),
                    Digest.parse(rs.getString("digest")).value().orElseThrow(), rs.getString("tag"),
                    Optional.ofNullable(rs.getString("release_tag"))
                            .flatMap(tag -> ReleaseTag.parse(tag).value()),
                    rs.getLong("requester_id"), rs.getString("requester_name"), Db.instant(rs, "expires_at"),
                    approvers);
        });
    }

    public Map<ReleaseTag, Digest> usedReleaseTags() {
        Map<ReleaseTag, Digest> used = new LinkedHashMap<>();
        db.list("SELECT tag, digest FROM release_tag", rs -> Map.entry(rs.getString("tag"), rs.getString("digest")))
                .forEach(row -> ReleaseTag.parse(row.getKey()).value().ifPresent(tag ->
                        used.put(tag, Digest.parse(row.getValue()).value().orElseThrow())));
        return used;
    }
}
