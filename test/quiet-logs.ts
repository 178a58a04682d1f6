// Tests assert on behaviour, not on log lines: keep the functions' structured logs out of the output.
process.env.LOG_LEVEL ??= 'SILENT';
