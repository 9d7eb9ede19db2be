// A datetime-local value ("2026-12-01T18:30") is the browser's wall-clock time: turn it into UTC (ISO 8601) here,
// where the time zone and its daylight-saving rules are known. Null for an empty or unreadable value.
export function localToUtc(value) {
    if (!value) {
        return null;
    }
    const date = new Date(value);
    return isNaN(date.getTime()) ? null : date.toISOString();
}
