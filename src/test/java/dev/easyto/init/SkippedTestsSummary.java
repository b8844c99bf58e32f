package dev.easyto.init;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends every test run (unit and integration) with the tests that did not run and why: disabled,
 * or skipped by an assumption such as {@code EASYTO_SKIP}. Registered through {@code
 * META-INF/services}, so no test can vanish from a run without a line saying so.
 */
public final class SkippedTestsSummary implements TestExecutionListener {
    private final List<String> skipped = new ArrayList<>();

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        skipped.add(test.getDisplayName() + " (" + test.getUniqueId() + "): " + reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
            skipped.add(test.getDisplayName() + " (" + test.getUniqueId() + "): " + reason);
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            System.out.println("easyto-init tests: nothing skipped");
            return;
        }
        System.out.println("easyto-init tests: " + skipped.size() + " skipped:");
        skipped.forEach(line -> System.out.println("  skipped: " + line));
    }
}
