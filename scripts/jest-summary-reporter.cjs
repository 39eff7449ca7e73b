// Prints one closing line per jest run, e.g. "plugin: 212 passed, 0 failed", so CI logs and
// people see each suite's result at a glance. Used by both the plugin and the LWC jest configs.
class SummaryReporter {
  constructor(_globalConfig, options = {}) {
    this.suite = options.suite ?? 'tests';
  }

  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${this.suite}: ${results.numPassedTests} passed, ${failed} failed${tail}\n`);
  }
}

module.exports = SummaryReporter;
