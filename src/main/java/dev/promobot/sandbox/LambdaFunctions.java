package dev.promobot.sandbox;

import static dev.promobot.sandbox.StandInJson.text;
import static dev.promobot.sandbox.StandInJson.write;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda half of the stand-in: image-packaged functions and the REST JSON operations that read and redeploy
 * them. Not thread-safe; {@link AwsStandIn} serialises every call.
 *
 * <p>An update does not finish on a timer: it finishes on the n-th read of the function after it started, so
 * tests and SDK waiters see {@code InProgress} a known number of times and nothing depends on wall-clock time.
 */
final class LambdaFunctions {

    static final int DEFAULT_READS_UNTIL_DONE = 2;
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final String FAILED_REASON_CODE = "InvalidImage";

    private final String accountId;
    private final String region;
    private final Clock clock;
    private final ObjectMapper json;
    private final EcrRegistry ecr;
    private final Map<String, FunctionState> functions = new LinkedHashMap<>();
    private final Map<String, String> failNextUpdate = new HashMap<>();
    private final List<UpdateCall> updateCalls = new ArrayList<>();
    private int readsUntilDone = DEFAULT_READS_UNTIL_DONE;
    private boolean updatesHeld;
    private long revisions;

    /** One UpdateFunctionCode as it arrived, accepted or not. */
    record UpdateCall(String function, String imageUri, String revisionId) {
    }

    LambdaFunctions(String accountId, String region, Clock clock, ObjectMapper json, EcrRegistry ecr) {
        this.accountId = accountId;
        this.region = region;
        this.clock = clock;
        this.json = json;
        this.ecr = ecr;
    }

    // ---- seeding and fault injection -----------------------------------------------------------------------

    void createFunction(String name, String imageUri) {
        if (name == null || name.isBlank()) {
            throw new AwsError(400, "InvalidParameterValueException", "A function needs a name");
        }
        if (functions.containsKey(name)) {
            throw new AwsError(409, "ResourceConflictException", "Function already exist: " + name);
        }
        EcrRegistry.ResolvedImage image = resolve(imageUri);
        ecr.recordPull(image);
        functions.put(name, new FunctionState(name, imageUri, image, lastModifiedNow(), nextRevision(name)));
    }

    String imageUriOf(String name) {
        return function(name).imageUri;
    }

    String resolvedDigestOf(String name) {
        return function(name).image.digest();
    }

    void failNextUpdateOf(String name, String reason) {
        failNextUpdate.put(name, reason);
    }

    void updateReadsUntilDone(int reads) {
        readsUntilDone = reads;
    }

    /** While held, updates stay InProgress however often they are read; released, they go on counting reads. */
    void holdUpdates(boolean held) {
        updatesHeld = held;
    }

    List<UpdateCall> updateCalls() {
        return List.copyOf(updateCalls);
    }

    // ---- wire operations -----------------------------------------------------------------------------------

    /** Names the operation a request addresses, as AWS names it; used for counting before it is served. */
    static String operation(String method, String subresource) {
        return switch (method + " " + subresource) {
            case "GET " -> "GetFunction";
            case "GET configuration" -> "GetFunctionConfiguration";
            case "PUT code" -> "UpdateFunctionCode";
            default -> method + " functions/{name}/" + subresource;
        };
    }

    byte[] handle(String operation, String functionName, byte[] body) {
        return switch (operation) {
            case "GetFunction" -> getFunction(functionName);
            case "GetFunctionConfiguration" -> getFunctionConfiguration(functionName);
            case "UpdateFunctionCode" -> updateFunctionCode(functionName, body);
            default -> throw new AwsError(404, "UnknownOperationException",
                    "The stand-in does not implement Lambda operation " + operation);
        };
    }

    private byte[] getFunction(String name) {
        FunctionState function = read(name);
        return write(out -> {
            out.writeFieldName("Configuration");
            writeConfiguration(out, function);
            out.writeObjectFieldStart("Code");
            out.writeStringField("RepositoryType", "ECR");
            out.writeStringField("ImageUri", function.imageUri);
            out.writeStringField("ResolvedImageUri",
                    ecr.repositoryUri(function.image.repository()) + "@" + function.image.digest());
            out.writeEndObject();
        });
    }

    private byte[] getFunctionConfiguration(String name) {
        FunctionState function = read(name);
        return write(out -> writeConfigurationFields(out, function));
    }

    private byte[] updateFunctionCode(String name, byte[] body) {
        FunctionState function = function(name);
        JsonNode request = parse(body);
        String imageUri = text(request, "ImageUri");
        if (imageUri == null) {
            throw new AwsError(400, "InvalidParameterValueException",
                    "Please provide ImageUri when updating a function with packageType Image.");
        }
        String revisionId = text(request, "RevisionId");
        updateCalls.add(new UpdateCall(name, imageUri, revisionId));
        if (revisionId != null && !revisionId.equals(function.revisionId)) {
            throw new AwsError(412, "PreconditionFailedException", "The Revision Id provided does not match the "
                    + "latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
        if (function.pending != null) {
            throw new AwsError(409, "ResourceConflictException", "The operation cannot be performed at this time. "
                    + "An update is in progress for resource: " + arn(name));
        }
        EcrRegistry.ResolvedImage image = resolve(imageUri);
        if (!request.path("DryRun").asBoolean(false)) {
            function.pending = new PendingUpdate(imageUri, image, failNextUpdate.remove(name), readsUntilDone);
            function.lastUpdateStatus = "InProgress";
            function.lastUpdateStatusReason = null;
            function.lastUpdateStatusReasonCode = null;
            function.lastModified = lastModifiedNow();
            function.revisionId = nextRevision(name);
        }
        return write(out -> writeConfigurationFields(out, function));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A read is what moves a pending update along; see the class comment. */
    private FunctionState read(String name) {
        FunctionState function = function(name);
        PendingUpdate pending = function.pending;
        if (pending != null && !updatesHeld && ++pending.reads >= pending.readsNeeded) {
            function.pending = null;
            if (pending.failureReason == null) {
                function.imageUri = pending.imageUri;
                function.image = pending.image;
                function.lastUpdateStatus = "Successful";
                ecr.recordPull(pending.image);
            } else {
                // Lambda leaves the previous code in place when an update fails.
                function.lastUpdateStatus = "Failed";
                function.lastUpdateStatusReason = pending.failureReason;
                function.lastUpdateStatusReasonCode = FAILED_REASON_CODE;
            }
            function.revisionId = nextRevision(name);
        }
        return function;
    }

    private EcrRegistry.ResolvedImage resolve(String imageUri) {
        return ecr.resolve(imageUri).orElseThrow(() -> new AwsError(400, "InvalidParameterValueException",
                "Source image " + imageUri + " does not exist. Provide a valid source image."));
    }

    private FunctionState function(String name) {
        FunctionState function = functions.get(name);
        if (function == null) {
            throw new AwsError(404, "ResourceNotFoundException", "Function not found: " + arn(name));
        }
        return function;
    }

    private String arn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    private String lastModifiedNow() {
        return LAST_MODIFIED.format(clock.instant());
    }

    /** Revision ids are derived rather than random so that runs with the same clock are reproducible. */
    private String nextRevision(String name) {
        return UUID.nameUUIDFromBytes((name + "#" + ++revisions).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void writeConfiguration(JsonGenerator out, FunctionState function) throws IOException {
        out.writeStartObject();
        writeConfigurationFields(out, function);
        out.writeEndObject();
    }

    private void writeConfigurationFields(JsonGenerator out, FunctionState function) throws IOException {
        out.writeStringField("FunctionName", function.name);
        out.writeStringField("FunctionArn", arn(function.name));
        out.writeStringField("Role", "arn:aws:iam::" + accountId + ":role/" + function.name);
        out.writeNumberField("CodeSize", 0);
        out.writeStringField("Description", "");
        out.writeNumberField("Timeout", 30);
        out.writeNumberField("MemorySize", 512);
        out.writeStringField("LastModified", function.lastModified);
        out.writeStringField("CodeSha256", function.image.digest().substring("sha256:".length()));
        out.writeStringField("Version", "$LATEST");
        out.writeStringField("RevisionId", function.revisionId);
        out.writeStringField("State", "Active");
        out.writeStringField("LastUpdateStatus", function.lastUpdateStatus);
        if (function.lastUpdateStatusReason != null) {
            out.writeStringField("LastUpdateStatusReason", function.lastUpdateStatusReason);
            out.writeStringField("LastUpdateStatusReasonCode", function.lastUpdateStatusReasonCode);
        }
        out.writeStringField("PackageType", "Image");
        out.writeArrayFieldStart("Architectures");
        out.writeString("x86_64");
        out.writeEndArray();
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AwsError(400, "InvalidRequestContentException", "Could not parse request body into json: "
                    + e.getMessage());
        }
    }

    private static final class FunctionState {

        final String name;
        String imageUri;
        EcrRegistry.ResolvedImage image;
        String lastModified;
        String revisionId;
        String lastUpdateStatus = "Successful";
        String lastUpdateStatusReason;
        String lastUpdateStatusReasonCode;
        PendingUpdate pending;

        FunctionState(String name, String imageUri, EcrRegistry.ResolvedImage image, String lastModified,
                String revisionId) {
            this.name = name;
            this.imageUri = imageUri;
            this.image = image;
            this.lastModified = lastModified;
            this.revisionId = revisionId;
        }
    }

    private static final class PendingUpdate {

        final String imageUri;
        final EcrRegistry.ResolvedImage image;
        final String failureReason;
        final int readsNeeded;
        int reads;

        PendingUpdate(String imageUri, EcrRegistry.ResolvedImage image, String failureReason, int readsNeeded) {
            this.imageUri = imageUri;
            this.image = image;
            this.failureReason = failureReason;
            this.readsNeeded = readsNeeded;
        }
    }
}
