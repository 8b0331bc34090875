package com.adaptivestartup.console.update;

import com.adaptivestartup.console.outbound.BrainClient;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.state.ClockWitness;
import java.util.ArrayList;
import java.util.List;

/**
 * An installation's update channel, read the way its settings say: fetched from the source and checked
 * ({@link ChannelTrust}), or, when the source is out of reach, the last trusted copy; and the releases it
 * offers, each release manifest verified on its own.
 */
public final class ChannelReader {
    private final UpdateSettings.Store settings;
    private final BrainClient brain;
    private final ChannelTrust trust;
    private final ReleaseSource releases;
    private final String defaultSource;
    private final ClockWitness witness;

    /**
     * {@code defaultSource}: where to look when the settings name no source (the vendor's Brain), or null;
     * {@code witness}: told each fresh channel's signing time (it may confirm a clock the clock check doubted).
     */
    public ChannelReader(UpdateSettings.Store settings, BrainClient brain, ChannelTrust trust, ReleaseSource releases,
                         String defaultSource, ClockWitness witness) {
        this.witness = witness;
        this.settings = settings;
        this.brain = brain;
        this.trust = trust;
        this.releases = releases;
        this.defaultSource = defaultSource;
    }

    /** The channel as believed, and where it came from. */
    public record Read(String source, String channel, ChannelTrust.Trusted trusted) {
    }

    public UpdateSettings settings(String project) {
        return settings.find(project);
    }

    /** Where this installation's updates come from (its setting, else the Brain), or null when nowhere is set. */
    public String source(String project) {
        String own = settings(project).source();
        return own != null ? own : defaultSource;
    }

    public Read read(String project, String licenseChannel) {
        UpdateSettings s = settings.find(project);
        String source = s.source() != null ? s.source() : defaultSource;
        if (source == null) {
            throw new UpdateService.UpdateFailed("no update source is set: `adaptivectl update settings --source <url|folder>`"
                    + " (the vendor's Brain, or a folder with its channels/ for an offline site)", true);
        }
        String channel = s.channel() != null ? s.channel() : licenseChannel;
        String text;
        try {
            text = brain.fetchChannel(source, channel);
        } catch (BrainClient.BrainUnavailable e) {
            return new Read(source, channel, trust.lastKnown(channel, e.getMessage()));
        }
        ChannelTrust.Trusted fresh = trust.accept(channel, text);
        witness.confirm(project, fresh.manifest().issuedAt(), "the update channel '" + channel + "'");
        return new Read(source, channel, fresh);
    }

    /** Downloads a console installer the channel lists, from where the channel was read; checked against it. */
    public java.nio.file.Path downloadInstaller(Read read, ChannelManifest.Installer installer, java.nio.file.Path folder,
                                               java.util.function.LongConsumer progress) {
        return brain.downloadInstaller(read.source(), installer.download(), folder, progress);
    }

    public List<UpdatePlanner.Candidate> candidates(Read read) {
        List<UpdatePlanner.Candidate> out = new ArrayList<>();
        for (ChannelManifest.Release r : read.trusted().manifest().releases()) {
            ReleaseManifest m;
            try {
                m = releases.verify(r.signedManifest(), "of " + r.version() + " on the channel");
            } catch (ReleaseSource.ReleaseProblem e) {
                throw new ChannelTrust.Untrusted("the channel's release " + r.version() + " is refused: " + e.getMessage());
            }
            if (!m.version().equals(r.version())) {
                throw new ChannelTrust.Untrusted("the channel lists " + r.version() + " but its signed manifest is for "
                        + m.version() + "; it is refused");
            }
            out.add(new UpdatePlanner.Candidate(m, r.signedManifest()));
        }
        return out;
    }
}
