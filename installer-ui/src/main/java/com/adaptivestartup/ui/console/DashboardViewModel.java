package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.operate.StackService;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Dialogs;
import com.adaptivestartup.console.operate.Sizes;
import com.adaptivestartup.ui.Texts;
import java.time.Clock;
import java.time.Duration;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's dashboard: the stack's overall state (healthy, degraded, down) and a card per service
 * (state, health, version, uptime, restarts, CPU and memory with the last five minutes of CPU), refreshed by
 * the caller's timer and after every action;
 * Start, Stop and Restart per service and Start all / Stop all, run in the background, with what failed said in a
 * sentence; stopping the database or everything is asked first. At the console's start it finishes or undoes an
 * update that was cut short, and says what it did.
 */
public final class DashboardViewModel {
    /** One service's card. */
    public record Card(String service, String state, String health, String version, String uptime, long restarts,
                       String use, List<Double> cpuHistory) {
        public boolean running() {
            return state.equals("running");
        }
    }

    private final StackControl stack;
    private final Background background;
    private final Dialogs dialogs;
    private final Texts words;
    private final Clock clock;
    private final ReadOnlyStringWrapper refreshed = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper recovery = new ReadOnlyStringWrapper();
    private final ObservableList<Card> cards = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper overall = new ReadOnlyStringWrapper("unknown");
    private final ReadOnlyStringWrapper diskUse = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper diskLow = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private boolean measuringDisk;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper unreachable = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper passwordNote = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private boolean refreshing;
    private boolean sampling;
    static final int HISTORY = 60;
    private final Map<String, Deque<Double>> cpu = new HashMap<>();
    private final Map<String, DockerEngine.Usage> lastUse = new HashMap<>();
    private List<StackService.ServiceStatus> lastStatus = List.of();

    /** {@code clock}: its zone is the one times are shown in. */
    public DashboardViewModel(StackControl stack, Background background, Dialogs dialogs, ResourceBundle text, Clock clock) {
        this.stack = stack;
        this.background = background;
        this.dialogs = dialogs;
        this.words = new Texts(text);
        this.clock = clock;
    }

    /**
     * Finishes or undoes an update the console or the machine cut short (see console-core's UpdateRecovery), its steps
     * and then what it did shown on the dashboard; then {@code afterwards}. Said nothing when no update was cut short.
     */
    public void recoverInterruptedUpdate(Runnable afterwards) {
        busy.set(true);
        recovery.set(words.say("dashboard.recovery.looking"));
        java.util.function.Consumer<String> step = background.onUiThread(s -> recovery.set(
                words.say("dashboard.recovery.step", s)));
        background.run(() -> stack.recoverInterruptedUpdate(step), said -> {
            busy.set(false);
            recovery.set(said.map(words::sentence).orElse(null));
            refresh();
            afterwards.run();
        }, e -> {
            busy.set(false);
            recovery.set(words.say("dashboard.recovery.failed", words.sentence(e.getMessage())));
            refresh();   // what the stack is now, whatever the recovery left
            afterwards.run();
        });
    }

    private Runnable engineStarter;
    private final ReadOnlyBooleanWrapper engineStartable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper engineStart = new ReadOnlyStringWrapper();

    /** Offers to start the engine from the banner ({@code start}: launches Docker Desktop; it may take a minute). */
    public void offerToStartEngine(Runnable start) {
        engineStarter = start;
        engineStartable.set(start != null);
    }

    /** Starts the engine as offered; the banner goes by itself once the engine answers. */
    public void startEngine() {
        if (engineStarter == null) {
            return;
        }
        engineStart.set(words.say("dashboard.engine.starting"));
        background.run(() -> {
            engineStarter.run();
            return "";
        }, x -> { }, e -> engineStart.set(words.say("dashboard.engine.startFailed",
                words.sentence(e.getMessage()))));
    }

    public ReadOnlyBooleanProperty engineStartableProperty() {
        return engineStartable.getReadOnlyProperty();
    }

    /** What starting the engine is doing, or why it could not. */
    public ReadOnlyStringProperty engineStartProperty() {
        return engineStart.getReadOnlyProperty();
    }

    /** What finishing an interrupted update did (or is doing); null when there was none. */
    public ReadOnlyStringProperty recoveryProperty() {
        return recovery.getReadOnlyProperty();
    }

    /** When the engine last answered ("Refreshed at 14:02:07"), for the status line; empty before it first has. */
    public ReadOnlyStringProperty refreshedProperty() {
        return refreshed.getReadOnlyProperty();
    }

    /**
     * What the installation takes on disk (its volumes, its backups) and what is left where backups go, for the summary;
     * asked at the start and then now and then (it walks every volume and backup), and after a backup or a restore.
     */
    public void refreshDiskUse() {
        if (measuringDisk) {
            return;   // one walk at a time: the start and a backups listing may both ask
        }
        measuringDisk = true;
        background.run(stack::diskUse, r -> {
            measuringDisk = false;
            String backups = r.backupsBytes() < 0 ? words.say("dashboard.disk.unreadable") : Sizes.human(r.backupsBytes());
            diskUse.set(r.backupsFree() < 0 ? words.say("dashboard.disk", Sizes.human(r.dataBytes()), backups)
                    : words.say("dashboard.disk.free", Sizes.human(r.dataBytes()), backups, Sizes.human(r.backupsFree())));
            // a backup is about as large as the data at worst: less room than two of them is said before it runs out
            diskLow.set(r.backupsFree() >= 0 && r.backupsFree() < 2 * r.dataBytes());
        }, e -> measuringDisk = false);   // the engine's state says why; the last known use stays
    }

    /** "Data 4.2 GB · backups 900 MB (120 GB free)"; empty until first measured. */
    public ReadOnlyStringProperty diskUseProperty() {
        return diskUse.getReadOnlyProperty();
    }

    /** Less room left where backups go than two backups of the data need. */
    public javafx.beans.property.ReadOnlyBooleanProperty diskLowProperty() {
        return diskLow.getReadOnlyProperty();
    }

    /** Asks the engine again; a refresh still on its way is not doubled. */
    public void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        sample();   // beside the state, not after it: the engine takes a second or two to measure the services' use
        background.run(stack::status, s -> {
            refreshing = false;
            lastStatus = s.services();
            switch (s.initialPassword()) {
                case PENDING -> passwordNote.set(words.say("dashboard.password.pending"));
                case CHANGED -> passwordNote.set(words.say("dashboard.password.changed"));
                default -> {
                    // nothing new: what was said stays
                }
            }
            unreachable.set(null);   // the engine answers (again)
            engineStart.set(null);
            refreshed.set(words.say("dashboard.refreshed", java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(java.time.LocalTime.now(clock))));
            redraw();
            overall.set(s.overall());   // after the cards: whoever watches the overall state sees its services
        }, e -> {
            refreshing = false;
            overall.set("unknown");
            unreachable.set(e.getMessage());
        });
    }

    /**
     * Why the stack's state cannot be read (the Docker engine stopped or out of reach), for the banner's details;
     * null while it can. The dashboard keeps refreshing and the banner goes when the engine answers again.
     */
    public ReadOnlyStringProperty unreachableProperty() {
        return unreachable.getReadOnlyProperty();
    }

    /** Where the first admin's initial password stands, when there is something to say. */
    public ReadOnlyStringProperty passwordNoteProperty() {
        return passwordNote.getReadOnlyProperty();
    }

    public void start(String service) {
        act(service, stack::start, "start");
    }

    /** Stops a service; the database only once the admin has read that the app stops with it and said yes. */
    public void askToStop(String service) {
        if (!service.equals(StackPlan.DATABASE) || dialogs.confirm(words.say("dashboard.stop.database.title"),
                words.say("dashboard.stop.database.what"), words.say("dashboard.stop"))) {
            stop(service);
        }
    }

    void stop(String service) {
        act(service, stack::stop, "stop");
    }

    /** Starts every service that is not running, in the stack's order. */
    public void startAll() {
        act(null, stack::start, "start");
    }

    /** Stops the whole stack, the front first and the data last, once the admin has said yes. */
    public void askToStopAll() {
        if (dialogs.confirm(words.say("dashboard.stopAll.title"), words.say("dashboard.stopAll.what"),
                words.say("dashboard.stopAll"))) {
            act(null, stack::stop, "stop");
        }
    }

    public void restart(String service) {
        act(service, stack::restart, "restart");
    }

    private void act(String service, Consumer<String> action, String verb) {
        busy.set(true);
        problem.set(null);
        background.run(() -> {
            action.accept(service);
            return service;
        }, s -> {
            busy.set(false);
            refresh();
        }, e -> {
            busy.set(false);
            problem.set(words.say("dashboard.failed." + verb, service == null ? words.say("dashboard.everything")
                    : service, words.sentence(e.getMessage())));
            refresh();
        });
    }

    private final javafx.beans.property.ReadOnlyIntegerWrapper replicas = new javafx.beans.property.ReadOnlyIntegerWrapper(1);
    private final ReadOnlyBooleanWrapper replicasSupported = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper replicasNote = new ReadOnlyStringWrapper();

    /** Reads how many server containers the installation runs, and whether its release can run several. */
    public void refreshReplicas() {
        background.run(stack::replicas, v -> {
            replicas.set(v.chosen());
            replicasSupported.set(v.supported());
            replicasNote.set(v.supported() ? null : words.say("dashboard.replicas.unsupported"));
        }, e -> replicasNote.set(words.sentence(e.getMessage())));
    }

    /**
     * Runs {@code count} server containers: more start beside the running ones, outdated ones are replaced one at a time,
     * fewer are stopped once the rest run; each step said as it goes, then the result or why not.
     */
    public void applyReplicas(int count) {
        if (count == replicas.get() || busy.get()) {
            return;
        }
        busy.set(true);
        problem.set(null);
        replicasNote.set(words.say("dashboard.replicas.changing", count));
        Consumer<String> step = background.onUiThread(s -> replicasNote.set(words.say("dashboard.replicas.step", count, s)));
        background.run(() -> {
            stack.setReplicas(count, step);
            return count;
        }, n -> {
            busy.set(false);
            replicas.set(n);
            replicasNote.set(words.say("dashboard.replicas.done", n));
            refresh();
        }, e -> {
            busy.set(false);
            replicasNote.set(null);
            problem.set(words.say("dashboard.replicas.failed", words.sentence(e.getMessage())));
            refresh();
        });
    }

    /** The server containers chosen (1 when the release runs one). */
    public javafx.beans.property.ReadOnlyIntegerProperty replicasProperty() {
        return replicas.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty replicasSupportedProperty() {
        return replicasSupported.getReadOnlyProperty();
    }

    /** What changing the count is doing or did, or why the release cannot; null when nothing to say. */
    public ReadOnlyStringProperty replicasNoteProperty() {
        return replicasNote.getReadOnlyProperty();
    }

    /** One CPU and memory sample of every running service, added to its history; none while one is on its way. */
    private void sample() {
        if (sampling) {
            return;
        }
        sampling = true;
        background.run(stack::usage, use -> {
            sampling = false;
            lastUse.keySet().retainAll(use.keySet());
            lastUse.putAll(use);
            use.forEach((service, u) -> {
                Deque<Double> history = cpu.computeIfAbsent(service, k -> new ArrayDeque<>());
                history.addLast(u.cpuPercent());
                while (history.size() > HISTORY) {
                    history.removeFirst();
                }
            });
            redraw();
        }, e -> sampling = false);
    }

    private void redraw() {
        cards.setAll(lastStatus.stream().map(s -> card(s, s.state().equals("running") ? lastUse.get(s.service()) : null,
                cpu.getOrDefault(s.service(), new ArrayDeque<>()))).toList());
    }

    Card card(StackService.ServiceStatus s) {
        return card(s, null, new ArrayDeque<>());
    }

    Card card(StackService.ServiceStatus s, DockerEngine.Usage use, Deque<Double> history) {
        return new Card(s.service(), s.state(), s.health(), s.version(), uptime(s.uptime()), s.restarts(), use(use),
                List.copyOf(history));
    }

    String use(DockerEngine.Usage u) {
        if (u == null) {
            return "";
        }
        String memory = megabytes(u.memoryBytes()) + (u.memoryLimitBytes() > 0 && u.memoryLimitBytes() < (1L << 50)
                ? " / " + megabytes(u.memoryLimitBytes()) : "");
        return words.say("dashboard.use", Math.round(u.cpuPercent()), memory);
    }

    private static String megabytes(long bytes) {
        return Sizes.human(bytes);
    }

    String uptime(Duration d) {
        if (d == null) {
            return words.say("dashboard.uptime.none");
        }
        long m = d.toMinutes();
        return m < 1 ? words.say("dashboard.uptime.seconds", d.toSeconds()) : m < 120 ? words.say("dashboard.uptime.minutes", m)
                : m < 2880 ? words.say("dashboard.uptime.hours", d.toHours()) : words.say("dashboard.uptime.days", d.toDays());
    }

    public ObservableList<Card> cards() {
        return cards;
    }

    public ReadOnlyStringProperty overallProperty() {
        return overall.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
