/**
 * Reduces one or more errors from Lightning Data Service (UI API reads and writes, GraphQL
 * wires and mutations) or JavaScript into a flat list of messages to show the user. The org's
 * own message (for example a validation rule's text, already in the user's language) is kept
 * as it is.
 * @param {object|object[]|string|string[]} errors
 * @returns {string[]} messages, without blanks or duplicates
 */
export function reduceErrors(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = list.filter((error) => !!error).flatMap(messagesOf);
  return [...new Set(messages.filter((message) => typeof message === 'string' && message.trim() !== ''))];
}

function messagesOf(error) {
  if (typeof error === 'string') {
    return [error];
  }
  const body = error.body;
  // UI API read errors
  if (Array.isArray(body)) {
    return body.map((entry) => entry.message);
  }
  if (body) {
    // Page and field errors of a record save (validation rules, required fields)
    const output = body.output ?? body;
    const pageErrors = (output.errors ?? output.pageErrors ?? []).map((entry) => entry.message);
    const fieldErrors = Object.values(output.fieldErrors ?? {}).flatMap((entries) =>
      entries.map((entry) => entry.message)
    );
    if (pageErrors.length || fieldErrors.length) {
      return [...pageErrors, ...fieldErrors];
    }
    if (typeof body.message === 'string') {
      return [body.message];
    }
  }
  // GraphQL errors and JavaScript errors both carry a message
  if (typeof error.message === 'string') {
    return [error.message];
  }
  return [error.statusText];
}
