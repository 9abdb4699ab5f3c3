package dev.promobot.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PackageType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** moto in server mode, seeded through the AWS SDK with the standard data. */
final class MotoBackend implements AwsBackend {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    static final String POLICY = """
            {"rules":[{"rulePriority":1,"description":"keep the newest 30 sha- images",\
            "selection":{"tagStatus":"tagged","tagPrefixList":["sha-"],"countType":"imageCountMoreThan",\
            "countNumber":30},"action":{"type":"expire"}}]}""";

    private final EcrClient ecr;
    private final LambdaClient lambda;

    MotoBackend() {
        ecr = AwsClients.ecrClient(REGION, Optional.of(MotoServer.endpoint()), CREDENTIALS);
        lambda = AwsClients.lambdaClient(REGION, Optional.of(MotoServer.endpoint()), CREDENTIALS);
        reseed();
    }

    @Override
    public EcrClient ecr() {
        return ecr;
    }

    @Override
    public LambdaClient lambda() {
        return lambda;
    }

    @Override
    public void reseed() {
        MotoServer.reset();
        String repositoryUri = ecr.createRepository(request -> request.repositoryName(REPOSITORY)
                .imageTagMutability(ImageTagMutability.IMMUTABLE)).repository().repositoryUri();
        ecr.putLifecyclePolicy(request -> request.repositoryName(REPOSITORY).lifecyclePolicyText(POLICY));

        // 40 images, one build a day, the newest yesterday; tags are listed oldest first.
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        List<String> tags = new ArrayList<>();
        String newestManifest = null;
        for (int day = 39; day >= 0; day--) {
            String tag = "sha-" + gitSha(day) + "-" + yesterday.minusDays(day).format(DateTimeFormatter.BASIC_ISO_DATE);
            String manifest = manifest(day);
            ecr.putImage(request -> request.repositoryName(REPOSITORY).imageManifest(manifest).imageTag(tag));
            tags.add(tag);
            newestManifest = manifest;
        }
        String latest = newestManifest;
        ecr.putImage(request -> request.repositoryName(REPOSITORY).imageManifest(latest).imageTag("latest"));

        String role;
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(CREDENTIALS)
                .endpointOverride(MotoServer.endpoint()).build()) {
            role = iam.createRole(request -> request.roleName("promobot-test-lambda").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role().arn();
        }
        createFunction(DEV, repositoryUri + ":" + tags.get(39), role);
        createFunction(STAGING, repositoryUri + ":" + tags.get(37), role);
        createFunction(PROD, repositoryUri + ":" + tags.get(30), role);
    }

    private void createFunction(String name, String imageUri, String role) {
        lambda.createFunction(request -> request.functionName(name).packageType(PackageType.IMAGE).role(role)
                .code(code -> code.imageUri(imageUri)));
    }

    /** A stable, distinct 7-hex git sha per day. */
    private static String gitSha(int day) {
        return HexFormat.of().toHexDigits(0x0a1b2c0 + day * 7919).substring(1);
    }

    /** A distinct Docker manifest per image, so every image gets its own digest. */
    private static String manifest(int day) {
        String config = "sha256:" + "%064x".formatted(day + 1);
        String layer = "sha256:" + "%064x".formatted(1000 + day);
        return """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
                "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%d,"digest":"%s"},\
                "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":%d,\
                "digest":"%s"}]}""".formatted(1500 + day, config, 30_000_000 + day, layer);
    }

}
