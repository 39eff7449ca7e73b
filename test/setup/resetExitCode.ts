// Commands under test set process.exitCode when they report a failure, exactly as they must for the
// CLI. On a 2-core machine jest runs test files in its own process, so that code would outlive the
// test and turn a green run into exit code 1; every test asserts the code it expects instead.
import { afterEach } from '@jest/globals';

afterEach(() => {
  process.exitCode = undefined;
});
