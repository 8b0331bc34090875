import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.StateDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * What one dashboard refresh costs the console, warm: StackService.status (the cards) and StackService.usage
 * (CPU and memory), each timed RUNS times after a warm-up. Prints the medians in ms.
 *   java -cp console-core/target/adaptivectl.jar bench/java/DashboardRefresh.java <project> [runs]
 */
public class DashboardRefresh {
    public static void main(String[] args) throws Exception {
        String project = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        DockerEngine engine = ((EngineLocator.Outcome.Found) new EngineLocator(EngineStrategies.forThisMachine(System.getenv(),
                System.getProperty("os.name"), Path.of(System.getProperty("user.home")))).locate()).engine();
        StateDatabase state = StateDatabase.open(AppDirectories.forThisUser().stateDir());
        StackService stacks = new StackService(engine, new Installations(state, Clock.systemUTC()),
                new com.adaptivestartup.console.state.Journal(state, Clock.systemUTC()), Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            stacks.status(project);
        }
        double[] status = new double[runs];
        double[] usage = new double[Math.max(3, runs / 5)];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            stacks.status(project);
            status[i] = (System.nanoTime() - t) / 1e6;
        }
        for (int i = 0; i < usage.length; i++) {
            long t = System.nanoTime();
            stacks.usage(project);
            usage[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf("status %.1f ms  usage %.0f ms%n", median(status), median(usage));
        engine.close();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
