package io.symphra.exporter.prometheus;

import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The formats the endpoint serves and how a request picks one. The Prometheus text format comes first and is the
 * default; OpenMetrics second; then every other {@link MetricsFormat} on the class path (such as {@code json}),
 * each also at {@code <path>.<name>}.
 */
final class FormatCatalog {

    /** OpenMetrics 0.0.1 is the draft of 1.0.0 that Prometheus still lists; the text is the same. */
    private static final String OPENMETRICS_DRAFT_VERSION = "0.0.1";

    private final Map<String, MetricsFormat> byName;
    private final List<MetricsFormat> ordered;
    private final List<MediaRange> offered;

    FormatCatalog(List<MetricsFormat> formats) {
        this.byName = new LinkedHashMap<>();
        for (MetricsFormat format : formats) {
            byName.putIfAbsent(format.name().toLowerCase(java.util.Locale.ROOT), format);
        }
        this.ordered = List.copyOf(byName.values());
        this.offered = new ArrayList<>();
        for (MetricsFormat format : ordered) {
            MediaRange type = MediaRange.parse(format.contentType());
            offered.add(type == null ? new MediaRange("application", "octet-stream", null, 1) : type);
        }
    }

    /**
     * Our two formats, writing the {@code families} and {@code durations} selected, plus every other one the
     * scheduler's context can find.
     */
    static FormatCatalog discover(ExporterContext context, FamilySelection families, DurationSeries durations) {
        List<MetricsFormat> formats = new ArrayList<>();
        formats.add(new PrometheusTextFormat(families, durations));
        formats.add(new OpenMetricsTextFormat(families, durations));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (ClassLoader l : new ClassLoader[] {loader, FormatCatalog.class.getClassLoader()}) {
            if (l == null) {
                continue;
            }
            for (MetricsFormat found : MetricsFormat.available(l)) {
                formats.add(context.format(found.name()).orElse(found));
            }
        }
        return new FormatCatalog(formats);
    }

    /** The format of that name, for {@code <path>.<name>}. */
    Optional<MetricsFormat> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<MetricsFormat> all() {
        return ordered;
    }

    /**
     * The format an {@code Accept} header asks for. Each format takes the weight of the most specific range that
     * matches it; the highest weight wins, then the more specific match, then the catalog's order. Without a header,
     * or when it accepts none of them, the Prometheus text format.
     */
    MetricsFormat negotiate(String acceptHeader) {
        List<MediaRange> ranges = MediaRange.parseAll(acceptHeader);
        MetricsFormat best = ordered.get(0);
        double bestQuality = 0;
        int bestSpecificity = -1;
        for (int i = 0; i < ordered.size(); i++) {
            MediaRange offer = offered.get(i);
            double quality = 0;
            int specificity = -1;
            for (MediaRange range : ranges) {
                int s = range.specificity(offer);
                if (s < 0 && isOpenMetricsDraft(range, offer)) {
                    s = 2;
                }
                if (s > specificity) {
                    specificity = s;
                    quality = range.quality();
                }
            }
            if (specificity >= 0
                    && quality > 0
                    && (quality > bestQuality || (quality == bestQuality && specificity > bestSpecificity))) {
                best = ordered.get(i);
                bestQuality = quality;
                bestSpecificity = specificity;
            }
        }
        return best;
    }

    private static boolean isOpenMetricsDraft(MediaRange range, MediaRange offer) {
        return offer.subtype().equals("openmetrics-text")
                && range.subtype().equals("openmetrics-text")
                && range.type().equals(offer.type())
                && OPENMETRICS_DRAFT_VERSION.equals(range.version());
    }
}
