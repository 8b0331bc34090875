package com.adaptivestartup.server.resource;

import java.util.List;
import java.util.Map;

/**
 * One page of a list: its records, in creation order, and {@code next} to pass as {@code after} for the next page
 * (null on the last).
 */
public record RecordPage(List<Map<String, Object>> items, String next) {
}
