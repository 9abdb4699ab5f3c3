package dev.promobot.lifecycle;

/** Where ECR keeps an image: pullable standard storage or the archive. */
public enum StorageClass {
    /** DescribeImages imageStatus ACTIVE. */
    STANDARD("standard"),
    /** DescribeImages imageStatus ARCHIVED. */
    ARCHIVE("archive");

    private final String policyName;

    StorageClass(String policyName) {
        this.policyName = policyName;
    }

    /** The spelling used in lifecycle policy JSON. */
    public String policyName() {
        return policyName;
    }
}
