import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlForms } from '../../lib/html-form.ts';

describe('reading the forms of a login page', () => {
  it("lists each form's action, method, id, hidden values and field names, as a browser would submit it", () => {
    const forms = htmlForms(`<!doctype html><body>
      <form method="post" action="/u/login?x=1&amp;y=2"><input type="hidden" name="state" value="a&quot;b&#39;c">
        <label>Email <input name="username"></label><input type=password name=password>
        <button type="submit" name="action" value="default">Continue</button></form>
      <form action='/interaction/abc' method='POST' id="consent"><input type="hidden" name="prompt" value="consent"/><select name="scope"></select></form>
    </body>`);
    assert.deepEqual(forms, [
      {
        action: '/u/login?x=1&y=2',
        method: 'POST',
        id: undefined,
        hidden: { state: `a"b'c` },
        fieldNames: ['state', 'username', 'password', 'action'],
      },
      {
        action: '/interaction/abc',
        method: 'POST',
        id: 'consent',
        hidden: { prompt: 'consent' },
        fieldNames: ['prompt', 'scope'],
      },
    ]);
  });

  it('gives a form the buttons outside it that name it with form="…"', () => {
    const [form] = htmlForms(
      `<form id="op.logoutForm" method="post" action="/session/end/confirm"><input type="hidden" name="xsrf" value="t"/></form>
       <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes</button>
       <button type="submit" form="other" name="stray">No</button>`,
    );
    assert.deepEqual(form.fieldNames, ['xsrf', 'logout']);
    assert.deepEqual(form.hidden, { xsrf: 't' });
  });

  it('finds no form on a page without one', () => {
    assert.deepEqual(htmlForms('<p>Signed out</p>'), []);
  });
});
