// Prints one plain closing line ("jest: N passed, N failed, N skipped") after jest's own summary, the
// form CI logs are read for whatever the runner.
class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryLineReporter;
