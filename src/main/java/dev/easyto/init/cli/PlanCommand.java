package dev.easyto.init.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.spec.EnvFrom;
import dev.easyto.init.spec.LaunchPlan;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.VmSpec;
import dev.easyto.init.spec.Volume;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints what the init would run, as one JSON object, without touching the system. Environment
 * sources are not fetched (a plan must never pull secrets), so references to variables only they
 * provide stay as {@code $(NAME)}.
 */
@Command(name = "plan", description = "Print the merged, expanded spec as JSON; nothing is fetched or changed.")
public class PlanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec command;

    @Mixin
    SpecOptions options;

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = command.commandLine();
        if (options.metadata == null) {
            throw new CommandLine.ParameterException(commandLine, "Missing required option: '--metadata=FILE'");
        }
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        try {
            LaunchPlan plan = options.plan(commandLine);
            plan.warnings().forEach(w -> err.println(w.format()));
            out.println(JSON.writeValueAsString(toJson(plan)));
            return 0;
        } catch (SpecException e) {
            e.problems().forEach(p -> err.println(p.format()));
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static final TypeReference<List<Volume>> VOLUMES = new TypeReference<>() {};
    private static final TypeReference<List<EnvFrom>> ENV_FROM = new TypeReference<>() {};

    static Map<String, Object> toJson(LaunchPlan plan) throws IOException {
        VmSpec spec = plan.spec();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("argv", plan.argv());
        json.put("env", plan.env());
        json.put("working-dir", spec.workingDir());
        json.put("uid", spec.uid());
        json.put("gid", spec.gid());
        json.put("replace-init", spec.replaceInit());
        json.put("readonly-root-fs", spec.readonlyRootFs());
        json.put("shutdown-grace-period", spec.shutdownGracePeriod());
        json.put("disable-services", spec.disableServices());
        json.put("modules", spec.modules());
        json.put("sysctls", spec.sysctls());
        json.put("volumes", typed(spec.volumes(), VOLUMES));
        json.put("env-from", typed(spec.envFrom(), ENV_FROM));
        json.put("init-scripts", spec.initScripts().size());
        json.put("debug", spec.debug());
        // Resolved: what the shutdown sends the main process, SIGTERM when the image names none.
        json.put("stop-signal", LinuxConstants.signalName(spec.stopSignal()));
        return json;
    }

    /**
     * Serialises through the declared element type so each item is wrapped in its kind ({@code
     * {"ebs": {...}}}), as in user data; inside a map the element type would be lost to erasure.
     */
    private static <T> JsonNode typed(List<T> items, TypeReference<List<T>> type) throws IOException {
        return JSON.readTree(JSON.writerFor(type).writeValueAsBytes(items));
    }
}
