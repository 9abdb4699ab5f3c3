package dev.promobot.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter contract against moto, a third-party implementation of the ECR and Lambda APIs. */
@ExtendWith(MotoServer.class)
class MotoAdapterTest extends AwsAdapterContract {

    private static MotoBackend backend;

    @BeforeAll
    static void connect() {
        backend = new MotoBackend();
    }

    @AfterAll
    static void disconnect() {
        backend.ecr().close();
        backend.lambda().close();
    }

    @Override
    AwsBackend backend() {
        return backend;
    }
}
