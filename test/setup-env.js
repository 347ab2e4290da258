// Hook log lines go to stdout in Lambda; in the test run they are noise unless a test captures them
// through its own sink (or sets PIPELINE_GUARD_LOG itself).
if (process.env.PIPELINE_GUARD_LOG === undefined) process.env.PIPELINE_GUARD_LOG = 'off';
