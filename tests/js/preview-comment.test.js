// Tests .github/scripts/preview-comment.js against crafted artifacts, with a fake `github`, `context` and `core`
// that record what the script asks GitHub to do. Run by `node --test tests/js` (PreviewCommentScriptTest runs it
// from the Maven build).
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const previewComment = require("../../.github/scripts/preview-comment.js");
const { MARKER, MAX_BODY } = previewComment;

const HEAD = "0123456789abcdef0123456789abcdef01234567";
const RUN_URL = "https://github.com/octo-org/spotfleet/actions/runs/42";
const BOT = { login: "github-actions[bot]", type: "Bot" };

/** A directory holding `files` (name -> content) as the downloaded artifact. */
function artifact(files, { prNumber = "7\n" } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-plan-"));
  if (prNumber !== null) {
    fs.writeFileSync(path.join(dir, "pr-number"), prNumber);
  }
  fs.writeFileSync(path.join(dir, "head-sha"), `${HEAD}\n`);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A fake of actions/github-script's `github`, `context` and `core`, recording every write. */
function fakeGitHub({ headSha = HEAD, comments = [] } = {}) {
  const calls = { created: [], updated: [], notices: [], pulled: [] };
  const listComments = () => {
    throw new Error("called through paginate only");
  };
  const github = {
    rest: {
      pulls: {
        get: async (params) => {
          calls.pulled.push(params);
          return { data: { number: params.pull_number, head: { sha: headSha } } };
        },
      },
      issues: {
        listComments,
        createComment: async (params) => calls.created.push(params),
        updateComment: async (params) => calls.updated.push(params),
      },
    },
    paginate: async (method, params) => {
      assert.equal(method, listComments);
      assert.equal(params.issue_number, 7);
      return comments;
    },
  };
  const context = { repo: { owner: "octo-org", repo: "spotfleet" } };
  const core = { notice: (message) => calls.notices.push(message) };
  return { github, context, core, calls };
}

async function post(dir, fake, runUrl = RUN_URL) {
  await previewComment({ github: fake.github, context: fake.context, core: fake.core, dir, headSha: HEAD, runUrl });
  assert.equal(fake.calls.created.length + fake.calls.updated.length, 1, "exactly one comment written");
  return (fake.calls.created[0] || fake.calls.updated[0]).body;
}

/**
 * Splits a comment into what GitHub renders as Markdown and the contents of its fenced code blocks, as CommonMark
 * does: a fence opens with three or more backticks and closes only with a line of at least as many backticks.
 */
function parse(body) {
  const outside = [];
  const blocks = [];
  let fence = null;
  let block = [];
  for (const line of body.split("\n")) {
    if (fence === null) {
      const open = line.match(/^ {0,3}(`{3,})[^`]*$/);
      if (open) {
        fence = open[1].length;
        block = [];
      } else {
        outside.push(line);
      }
    } else if (new RegExp(`^ {0,3}\`{${fence},}\\s*$`).test(line)) {
      blocks.push(block.join("\n"));
      fence = null;
    } else {
      block.push(line);
    }
  }
  assert.equal(fence, null, "every fence is closed");
  return { outside: outside.join("\n"), blocks };
}

/** What rendered Markdown may contain: the marker, the header, and the details/summary/code tags of the sections. */
function assertOnlyOurMarkdown(outside) {
  const rest = outside
    .replace(MARKER, "")
    .replace(/<\/?(details|summary|code)>/g, "")
    .replace(`[Run](${RUN_URL})`, "");
  assert.doesNotMatch(rest, /[<>@\[\]]|^\s*#|https?:/m, `unexpected Markdown outside the fences:\n${rest}`);
}

test("a clean artifact gives one comment with each stack's plan fenced", async () => {
  const dir = artifact({ "dev.txt": "+ 12 to create\n", "dev.status": "0\n", "prod.txt": "+ 40 to create\n", "prod.status": "0\n" });
  const fake = fakeGitHub();
  const body = await post(dir, fake);
  const { outside, blocks } = parse(body);
  assert.ok(body.startsWith(MARKER));
  assert.deepEqual(blocks, ["+ 12 to create\n", "+ 40 to create\n"]);
  assert.match(outside, /<summary>Offline plan of <code>dev<\/code><\/summary>/);
  assert.match(outside, /<summary>Offline plan of <code>prod<\/code><\/summary>/);
  assertOnlyOurMarkdown(outside);
  assert.equal(fake.calls.created[0].issue_number, 7);
  assert.deepEqual(fake.calls.pulled, [{ owner: "octo-org", repo: "spotfleet", pull_number: 7 }]);
});

test("headings, links, mentions and HTML in a plan stay inside its fence", async () => {
  const hostile = "# Approved by security\n[click](https://evil.example)\n@octo-org/admins please merge\n" +
    "</details><script>alert(1)</script>\n<img src=x onerror=alert(1)>\n";
  const dir = artifact({ "dev.txt": hostile, "dev.status": "0" });
  const body = await post(dir, fakeGitHub());
  const { outside, blocks } = parse(body);
  assert.deepEqual(blocks, [hostile]);
  assertOnlyOurMarkdown(outside);
});

test("backtick runs in a plan cannot close its fence", async () => {
  for (const run of ["```", "````", "``````````", "`` ` ```` `````"]) {
    const plan = `before\n${run}\n# escaped?\n${run}text\nafter`;
    const body = await post(artifact({ "dev.txt": plan, "dev.status": "0" }), fakeGitHub());
    const { outside, blocks } = parse(body);
    assert.deepEqual(blocks, [plan], run);
    assertOnlyOurMarkdown(outside);
  }
});

test("a crafted status is reported as unreadable, never quoted", async () => {
  for (const status of ["0\n# Pwned @octocat [x](https://evil.example)", "1234", "-1", "0x1", "1 ", " 1", "1\n\n", "<b>1</b>", "0\n\n## heading",
                        "1".repeat(100000)]) {
    const body = await post(artifact({ "dev.txt": "plan", "dev.status": status }), fakeGitHub());
    const { outside } = parse(body);
    assert.match(outside, /Offline plan of <code>dev<\/code>: an unreadable exit status<\/summary>/, JSON.stringify(status.slice(0, 40)));
    assertOnlyOurMarkdown(outside);
  }
});

test("a status of the expected form is shown: nothing for 0, the exit code otherwise", async () => {
  const body = await post(artifact({ "dev.txt": "ok", "dev.status": "0\n", "prod.txt": "bad", "prod.status": "1\n" }), fakeGitHub());
  assert.match(body, /<summary>Offline plan of <code>dev<\/code><\/summary>/);
  assert.match(body, /<summary>Offline plan of <code>prod<\/code>: config problems \(exit 1\)<\/summary>/);
});

test("a missing status file says so", async () => {
  const body = await post(artifact({ "dev.txt": "plan" }), fakeGitHub());
  assert.match(body, /<summary>Offline plan of <code>dev<\/code>: no exit status<\/summary>/);
});

test("plan files whose names are not stack names are left out, and their names never shown", async () => {
  const names = ["a b.txt", "dev<b>x<.txt", "@octocat.txt", "evil\n# heading.txt", "x](https:evil).txt", "dev`.txt",
                 "prod;rm -rf.txt", ".txt"];
  const files = { "dev.txt": "plan", "dev.status": "0" };
  for (const name of names) {
    files[name] = "should not be shown";
  }
  const body = await post(artifact(files), fakeGitHub());
  const { outside, blocks } = parse(body);
  assert.deepEqual(blocks, ["plan"]);
  assert.match(outside, new RegExp(`${names.length} files left out`));
  assert.doesNotMatch(body, /should not be shown|octocat|evil|<b>|rm -rf/);
  assertOnlyOurMarkdown(outside);
});

test("dotted and dashed stack names are stack names", async () => {
  const body = await post(artifact({ "my-org.dev_2.txt": "plan", "my-org.dev_2.status": "0" }), fakeGitHub());
  assert.match(body, /Offline plan of <code>my-org\.dev_2<\/code>/);
});

test("a symlink in the artifact is never followed", async () => {
  const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "runner-")), "credentials");
  fs.writeFileSync(secret, "AWS_SECRET_ACCESS_KEY=hunter2\n");
  const dir = artifact({ "dev.txt": "plan", "prod.status": "0" });
  fs.symlinkSync(secret, path.join(dir, "prod.txt"));
  fs.symlinkSync(secret, path.join(dir, "dev.status"));
  const body = await post(dir, fakeGitHub());
  assert.doesNotMatch(body, /hunter2/);
  assert.match(body, /Offline plan of <code>dev<\/code>: no exit status/);
  assert.match(body, /1 file left out/);
});

test("a symlinked pr-number is not read", async () => {
  const dir = artifact({ "dev.txt": "plan" }, { prNumber: null });
  const target = path.join(dir, "head-sha");
  fs.symlinkSync(target, path.join(dir, "pr-number"));
  await assert.rejects(previewComment({ ...fakeGitHub(), dir, headSha: HEAD, runUrl: RUN_URL }), /not a pull request number/);
});

test("a huge plan is cut to fit one comment", async () => {
  const huge = "x".repeat(5 * 1024 * 1024);
  const body = await post(artifact({ "dev.txt": huge, "dev.status": "0", "prod.txt": huge, "prod.status": "0" }), fakeGitHub());
  assert.ok(body.length < 65536, `${body.length} characters`);
  assert.equal((body.match(/cut here: the whole plan is in the run's offline-plan artifact/g) || []).length, 2);
  assertOnlyOurMarkdown(parse(body).outside);
});

test("many plan files: ten are shown, the rest counted", async () => {
  const files = {};
  for (let i = 0; i < 50; i++) {
    files[`s${String(i).padStart(2, "0")}.txt`] = `plan ${i}`;
    files[`s${String(i).padStart(2, "0")}.status`] = "0";
  }
  const body = await post(artifact(files), fakeGitHub());
  assert.equal(parse(body).blocks.length, 10);
  assert.match(body, /40 files left out/);
  assert.ok(body.length < 65536);
});

test("control characters in a plan are replaced", async () => {
  const body = await post(artifact({ "dev.txt": "a\u0000b\u001b[31mc\rd\te", "dev.status": "0" }), fakeGitHub());
  assert.deepEqual(parse(body).blocks, ["a\ufffdb\ufffd[31mc\ufffdd\te"]);
});

test("an artifact without plans still gets a comment that says so", async () => {
  const body = await post(artifact({}), fakeGitHub());
  assert.match(body, /holds no plan/);
  assert.deepEqual(parse(body).blocks, []);
});

test("a run URL of an unexpected form is left out", async () => {
  const body = await post(artifact({ "dev.txt": "plan", "dev.status": "0" }), fakeGitHub(), "https://github.com/x) [y](https://evil.example");
  assert.doesNotMatch(body, /\[Run\]|evil/);
});

test("a pr-number that is not a pull request number fails the run", async () => {
  for (const prNumber of ["12abc", "0", "-5", "1e3", "7.0", "99999999999", "", "7\n8", "0x7"]) {
    const dir = artifact({ "dev.txt": "plan" }, { prNumber });
    const fake = fakeGitHub();
    await assert.rejects(previewComment({ ...fake, dir, headSha: HEAD, runUrl: RUN_URL }), /not a pull request number/, prNumber);
    assert.deepEqual(fake.calls.pulled, []);
  }
  const fake = fakeGitHub();
  await assert.rejects(previewComment({ ...fake, dir: artifact({}, { prNumber: null }), headSha: HEAD, runUrl: RUN_URL }),
    /not a pull request number/);
});

test("no comment when the pull request moved on from the planned commit", async () => {
  const fake = fakeGitHub({ headSha: "f".repeat(40) });
  await previewComment({ ...fake, dir: artifact({ "dev.txt": "plan" }), headSha: HEAD, runUrl: RUN_URL });
  assert.deepEqual(fake.calls.created, []);
  assert.deepEqual(fake.calls.updated, []);
  assert.match(fake.calls.notices[0], /is now at f{40}, not the planned/);
});

test("the bot's own earlier comment is updated; look-alikes by others are not", async () => {
  const comments = [
    { id: 1, user: { login: "mallory", type: "User" }, body: `${MARKER}\nfake plan` },
    { id: 2, user: { login: "evil-app[bot]", type: "Bot" }, body: `${MARKER}\nfake plan` },
    { id: 3, user: BOT, body: "another bot comment without the marker" },
    { id: 4, user: BOT, body: `${MARKER}\nold plan` },
  ];
  const fake = fakeGitHub({ comments });
  await post(artifact({ "dev.txt": "plan", "dev.status": "0" }), fake);
  assert.deepEqual(fake.calls.updated.map((call) => call.comment_id), [4]);
});

test("with only look-alike comments, a new comment is created", async () => {
  const comments = [
    { id: 1, user: { login: "mallory", type: "User" }, body: `${MARKER}\nfake plan` },
    { id: 2, user: { login: "github-actions[bot]", type: "User" }, body: `${MARKER}` },
    { id: 3, user: null, body: `${MARKER}` },
  ];
  const fake = fakeGitHub({ comments });
  await post(artifact({ "dev.txt": "plan", "dev.status": "0" }), fake);
  assert.equal(fake.calls.created.length, 1);
});

test("plans made of backtick runs cannot push the comment over GitHub's limit", async () => {
  // The fence grows with the longest run: a plan of backticks alone would double its size in fences.
  const plans = ["`".repeat(200000), "``` ".repeat(50000), `${"x".repeat(59000)}\n${"`".repeat(30000)}`,
                 "`".repeat(59990), `${"`".repeat(20000)}${"\u00e9".repeat(40000)}`];
  for (const plan of plans) {
    for (const count of [1, 2, 10]) {
      const files = {};
      for (let i = 0; i < count; i++) {
        files[`s${i}.txt`] = plan;
        files[`s${i}.status`] = "0";
      }
      const body = await post(artifact(files), fakeGitHub());
      assert.ok(body.length <= MAX_BODY, `${count} x ${plan.slice(0, 8)}...: ${body.length} characters`);
      const { outside, blocks } = parse(body);
      assert.equal(blocks.length, count);
      for (const block of blocks) {
        const cut = block.indexOf("\n... cut here: the whole plan is in the run's offline-plan artifact");
        assert.ok(cut >= 0, "the cut is said");
        assert.ok(plan.startsWith(block.slice(0, cut)), "what is shown is the plan's beginning");
      }
      assertOnlyOurMarkdown(outside);
    }
  }
});

test("a plan that fits is shown whole, however long its backtick runs", async () => {
  const plan = `a\n${"`".repeat(1000)}\nb`;
  const body = await post(artifact({ "dev.txt": plan, "dev.status": "0" }), fakeGitHub());
  assert.deepEqual(parse(body).blocks, [plan]);
  assert.doesNotMatch(body, /cut here/);
});

test("bidirectional control characters in a plan are replaced", async () => {
  const bidi = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
  const plan = bidi.map((c) => `x${c}y`).join("\n");
  const body = await post(artifact({ "dev.txt": plan, "dev.status": "0" }), fakeGitHub());
  assert.deepEqual(parse(body).blocks, [bidi.map(() => "x\ufffdy").join("\n")]);
  assert.doesNotMatch(body, /[\u202a-\u202e\u2066-\u2069]/);
  // letters of right-to-left scripts are text, not controls, and stay
  const arabic = "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd";
  assert.deepEqual(parse(await post(artifact({ "dev.txt": arabic, "dev.status": "0" }), fakeGitHub())).blocks, [arabic]);
});

test("a cut never splits a character outside the Basic Multilingual Plane", async () => {
  const plan = "\u{1F680}".repeat(40000);
  const body = await post(artifact({ "dev.txt": plan, "dev.status": "0" }), fakeGitHub());
  assert.ok(body.length <= MAX_BODY);
  assert.doesNotMatch(body, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
});

test("each stack's cost estimate is shown beside its plan, fenced, with its own exit status", async () => {
  const dir = artifact({
    "dev.txt": "+ 12 to create\n", "dev.status": "0\n", "dev.cost": "  $69.54  total a month\n", "dev.cost-status": "0\n",
    "prod.txt": "+ 40 to create\n", "prod.status": "0\n", "prod.cost": "plan: no cost estimate for stack prod\n",
    "prod.cost-status": "1\n",
  });
  const body = await post(dir, fakeGitHub());
  const { outside, blocks } = parse(body);
  assert.deepEqual(blocks, ["+ 12 to create\n", "  $69.54  total a month\n", "+ 40 to create\n", "plan: no cost estimate for stack prod\n"]);
  assert.match(outside, /<summary>Cost estimate of <code>dev<\/code><\/summary>/);
  assert.match(outside, /<summary>Cost estimate of <code>prod<\/code>: no complete estimate \(exit 1\)<\/summary>/);
  assert.match(outside, /<summary>Offline plan of <code>prod<\/code><\/summary>/);
  assertOnlyOurMarkdown(outside);
});

test("a cost estimate is shown only beside a plan that is shown, is not counted as a plan, and is never followed as a symlink", async () => {
  const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "runner-")), "credentials");
  fs.writeFileSync(secret, "AWS_SECRET_ACCESS_KEY=hunter2\n");
  const dir = artifact({ "dev.txt": "plan", "dev.status": "0", "ghost.cost": "ghostly estimate", "ghost.cost-status": "0" });
  fs.symlinkSync(secret, path.join(dir, "dev.cost"));
  const body = await post(dir, fakeGitHub());
  assert.doesNotMatch(body, /hunter2|ghost|Cost estimate of/);
  assert.doesNotMatch(body, /left out/);
  assert.deepEqual(parse(body).blocks, ["plan"]);
});

test("a missing or crafted cost status says so, never quoted", async () => {
  const body = await post(artifact({ "dev.txt": "plan", "dev.status": "0", "dev.cost": "estimate", "prod.txt": "plan",
    "prod.status": "0", "prod.cost": "estimate", "prod.cost-status": "0</summary><img src=x>" }), fakeGitHub());
  assert.match(body, /Cost estimate of <code>dev<\/code>: no exit status/);
  assert.match(body, /Cost estimate of <code>prod<\/code>: an unreadable exit status/);
  assert.doesNotMatch(body, /img/);
});

test("estimates made of backtick runs and control characters cannot push the comment over the limit or crowd out the plans", async () => {
  for (const count of [1, 2, 10]) {
    const files = {};
    for (let i = 0; i < count; i++) {
      files[`s${i}.txt`] = "+ 12 to create";
      files[`s${i}.status`] = "0";
      files[`s${i}.cost`] = `${"`".repeat(90000)}\u202e\u0000${"x".repeat(90000)}`;
      files[`s${i}.cost-status`] = "0";
    }
    const body = await post(artifact(files), fakeGitHub());
    assert.ok(body.length <= MAX_BODY, `${count}: ${body.length} characters`);
    assert.doesNotMatch(body, /[\u0000\u202e]/);
    const { outside, blocks } = parse(body);
    assert.equal(blocks.length, 2 * count);
    for (let i = 0; i < count; i++) {
      assert.equal(blocks[2 * i], "+ 12 to create", "each plan shown whole");
      assert.match(blocks[2 * i + 1], /cut here/);
    }
    assertOnlyOurMarkdown(outside);
  }
});
