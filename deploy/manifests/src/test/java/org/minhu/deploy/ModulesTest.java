package org.minhu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The deploy files against the modules they run ({@link Modules}): what they assume of a module written on its own
 * branch holds in it once it is merged, and every notification-service setting they give by a
 * {@code MINHU_NOTIFICATION_*} variable is one the service reads (a misspelt or renamed variable is silently ignored).
 */
class ModulesTest {

    @BeforeAll
    static void read() throws IOException {
        KubernetesManifestsTest.read();
        ComposeFileTest.read();
    }

    @Test
    void whatTheDeployFilesAssumeOfAModuleOnItsOwnBranchHoldsThereOnceMerged() throws IOException {
        for (String module : Modules.PENDING) {
            Properties assumed = new Properties();
            try (InputStream in = Files.newInputStream(Modules.assumed(module))) {
                assumed.load(in);
            }
            assertThat(assumed).as("assumed/" + module + ".properties").isNotEmpty();
            if (!Modules.present(module)) {
                continue; // on its own branch still: the checks read the assumptions (Modules.applicationProperties)
            }
            Properties real = Modules.requiredApplicationProperties(module);
            assertThat(disagreements(assumed, real)).as(module + "'s application.properties against deploy/manifests' "
                    + "assumed/" + module + ".properties (change the deploy files, or the module)").isEmpty();
        }
    }

    /** The check above can fail: a value that differs and a key that is missing are both reported. */
    @Test
    void anAssumptionTheModuleBreaksIsReported() {
        Properties assumed = new Properties();
        assumed.setProperty("a.topic", "minhu.notification.dlq");
        assumed.setProperty("b.size", "*");
        assumed.setProperty("c.url", "*");
        Properties real = new Properties();
        real.setProperty("a.topic", "minhu.notifications.dlq");
        real.setProperty("b.size", "12");
        assertThat(disagreements(assumed, real)).containsExactlyInAnyOrder(
                "a.topic: minhu.notifications.dlq, assumed minhu.notification.dlq", "c.url: missing");
    }

    static List<String> disagreements(Properties assumed, Properties real) {
        List<String> wrong = new ArrayList<>();
        for (String key : new TreeSet<>(assumed.stringPropertyNames())) {
            String value = assumed.getProperty(key);
            if (!real.containsKey(key)) {
                wrong.add(key + ": missing");
            } else if (!"*".equals(value) && !value.equals(real.getProperty(key))) {
                wrong.add(key + ": " + real.getProperty(key) + ", assumed " + value);
            }
        }
        return wrong;
    }

    @Test
    void everyNotificationSettingTheDeployFilesGiveIsOneTheServiceReads() throws IOException {
        Properties p = Modules.requiredApplicationProperties("notification-service");
        Set<String> given = new TreeSet<>(ComposeFileTest.env("notification-service").keySet());
        Container c = KubernetesManifestsTest.one(Deployment.class, "notification-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        given.addAll(ConnectionBudgetTest.environment(c, "Deployment notification-service").keySet());
        c.getEnv().forEach(e -> given.add(e.getName()));
        given.removeIf(k -> !k.startsWith("MINHU_NOTIFICATION_") || k.equals("MINHU_NOTIFICATION_URL")); // the gateway's
        assertThat(given).contains("MINHU_NOTIFICATION_DB_URL", "MINHU_NOTIFICATION_WEB_URL", "MINHU_NOTIFICATION_WEBHOOK_SECRET");
        assertThat(given).as("variables notification-service does not read").allMatch(v -> reads(p, v));
        assertThat(reads(p, "MINHU_NOTIFICATION_PUBLIC_URL")).as("a variable it does not read").isFalse();
    }

    /**
     * Whether a service with these properties reads the variable: as the property of that name (SmallRye Config maps
     * every other character to '_'), or where a value names it ({@code ${VAR:default}}).
     */
    static boolean reads(Properties p, String variable) {
        for (String key : p.stringPropertyNames()) {
            String unprofiled = key.replaceFirst("^%[\\w-]+\\.", "");
            if (ConnectionBudgetTest.envName(unprofiled).equals(variable) || p.getProperty(key).contains("${" + variable + ":")
                    || p.getProperty(key).contains("${" + variable + "}")) {
                return true;
            }
        }
        return false;
    }
}
