package org.minhu.notification.admin;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.deadletter.DeadLetterResource;

import io.quarkus.security.Authenticated;

/** notification-service's dead letters under its own path; the operations are service-commons' {@link DeadLetterResource}. */
@Authenticated
@Path("/api/v1/dead-letters/notification")
@Tag(name = "Dead letters", description = "Messages this service's consumers gave up on: list, replay, discard (admin)")
public class NotificationDeadLetters extends DeadLetterResource {
}
