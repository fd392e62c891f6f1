package io.webassist.dispatch.pagebridge;

import java.util.List;
import java.util.Map;

/**
 * One "Get help" from a page, between {@code POST /assist/launch} and the download of its launch
 * file: the values the launch file carries (page URL, customer id and signature, name, phone, as the
 * {@code /assist.jnlp} query names them) and the page key bound into it.
 */
record Launch(String id, Map<String, List<String>> query, String pageKey, long expiresAtMs) {}
