// Posts (or updates) the offline plan and cost estimate of a fork's pull request as one comment. Run by
// preview-comment.yml through actions/github-script, from the default branch's own commit: never from the pull request.
// Per stack the artifact holds <stack>.txt and <stack>.status (./plan <stack>) and <stack>.cost and <stack>.cost-status
// (./plan <stack> --cost, offline prices: the untrusted run had no credentials).
//
// Everything in the artifact was written by the pull request's code, so it is hostile input:
//   - a stack name (a plan file's name) must match STACK_NAME, or the file is left out and only counted; a cost
//     estimate is shown only beside the plan of a stack that is shown;
//   - an exit status must match STATUS, or it is reported as unreadable, never quoted;
//   - plan text goes inside a code fence longer than any backtick run in it, cut so that the whole comment, fences
//     included, fits GitHub's limit;
//   - control characters, bidirectional ones included (which can make text read differently from what it is,
//     CVE-2021-42574 "Trojan Source"), are replaced with U+FFFD;
//   - only regular files are read (no symlink to a runner file), and never more bytes than will be shown;
//   - the pull request number must be a number, and that pull request's head must still be the planned commit.
// The comment to update is the bot's own (user github-actions[bot]) that starts with the marker.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const MARKER = "<!-- spotfleet-offline-plan -->";
const BOT_LOGIN = "github-actions[bot]";
const STACK_NAME = /^[A-Za-z0-9_.-]+$/;
const STATUS = /^\d{1,3}$/;
const PR_NUMBER = /^[1-9]\d{0,9}$/;
// GitHub refuses comment bodies over 65536 characters ("Body is too long (maximum is 65536 characters)"). The plan
// sections share what the header leaves, at most PLAN_BUDGET: each section counts whole, its fences and the
// <details> around it included, since a fence grows with the longest backtick run in the plan.
const MAX_BODY = 65536;
const PLAN_BUDGET = 60000;
const CUT_NOTE = "\n... cut here: the whole plan is in the run's offline-plan artifact\n";
// C0 controls but tab and newline, DEL, and the bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const MAX_STACKS = 10;
// A stack's cost estimate gets at most this share of the stack's part of the comment; its plan the rest.
const COST_SHARE = 1 / 3;
// Enough for any value the patterns accept: a longer file cannot match them once cut.
const SMALL_FILE = 64;

/** The first `limit` bytes of a regular file in `dir` as UTF-8 text, whether there was more, or null if it is not one. */
function readRegularFile(dir, name, limit) {
  const file = path.join(dir, name);
  let stat;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return null;
  }
  if (!stat.isFile()) {
    return null;
  }
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(Math.max(0, Math.min(limit, stat.size)));
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return { text: buffer.subarray(0, read).toString("utf8"), cut: stat.size > read };
  } finally {
    fs.closeSync(fd);
  }
}

/** `echo` ends what it writes with one newline; anything else around a value makes it unreadable. */
function withoutFinalNewline(text) {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** A fence of backticks longer than any run of backticks in `text`, so the text cannot close it. */
function fenceFor(text) {
  const longest = Math.max(2, ...(text.match(/`+/g) || []).map((run) => run.length));
  return "`".repeat(longest + 1);
}

function statusLine(dir, statusFile, failed) {
  const status = readRegularFile(dir, statusFile, SMALL_FILE);
  if (status === null) {
    return "no exit status";
  }
  const value = withoutFinalNewline(status.text);
  if (!STATUS.test(value)) {
    return "an unreadable exit status";
  }
  return value === "0" ? null : `${failed} (exit ${value})`;
}

/** Plan text as it may be shown: no control characters (NUL would cut the comment short), no bidirectional ones. */
function neutralised(text) {
  return text.replace(UNSAFE, "\ufffd");
}

function wrap(summary, text) {
  const fence = fenceFor(text);
  return `<details><summary>${summary}</summary>\n\n${fence}text\n${text}\n${fence}\n</details>`;
}

/** One section (a plan or a cost estimate), at most `budget` characters long, fences included. */
function section(dir, { title, failed }, stack, file, statusFile, budget) {
  const problem = statusLine(dir, statusFile, failed);
  const summary = `${title} of <code>${stack}</code>` + (problem === null ? "" : `: ${problem}`);
  // UTF-8 never takes fewer bytes than JavaScript's UTF-16 takes characters, so `budget` bytes are enough to read.
  const plan = readRegularFile(dir, file, budget);
  const whole = neutralised(plan.text);
  let text = plan.cut ? whole + CUT_NOTE : whole;
  let shown = whole.length;
  // Each pass cuts at least what the section is over, fences and note counted, so the text shrinks until it fits.
  while (wrap(summary, text).length > budget) {
    shown = Math.max(0, shown - (wrap(summary, text).length - budget));
    if (shown > 0 && /[\ud800-\udbff]/.test(whole[shown - 1])) {
      shown -= 1; // never half of a surrogate pair
    }
    text = whole.slice(0, shown) + CUT_NOTE;
    if (shown === 0 && wrap(summary, text).length > budget) {
      return wrap(summary, "");
    }
  }
  return wrap(summary, text);
}

const PLAN = { title: "Offline plan", failed: "config problems" };
// ./plan --cost exits 1 when a price is missing or a type has no price rule: the estimate is then partial or absent.
const COST = { title: "Cost estimate", failed: "no complete estimate" };

/** A stack's plan and, when the artifact has one, its cost estimate: together at most `budget` characters. */
function stackSections(dir, stack, budget) {
  if (readRegularFile(dir, `${stack}.cost`, 0) === null) {
    return section(dir, PLAN, stack, `${stack}.txt`, `${stack}.status`, budget);
  }
  const costBudget = Math.floor(budget * COST_SHARE);
  return [section(dir, PLAN, stack, `${stack}.txt`, `${stack}.status`, budget - costBudget - 2),
    section(dir, COST, stack, `${stack}.cost`, `${stack}.cost-status`, costBudget)].join("\n\n");
}

/** The comment's body, from the artifact in `dir` alone. */
function commentBody(dir, runUrl) {
  const entries = fs.readdirSync(dir).filter((name) => name.endsWith(".txt")).sort();
  const stacks = entries.map((name) => name.slice(0, -".txt".length))
    .filter((stack) => STACK_NAME.test(stack) && readRegularFile(dir, `${stack}.txt`, 0) !== null);
  const shown = stacks.slice(0, MAX_STACKS);
  const leftOut = entries.length - shown.length;
  const run = /^https:\/\/[A-Za-z0-9./_-]{1,200}$/.test(runUrl) ? ` [Run](${runUrl})` : "";
  const notes = [];
  if (shown.length === 0) {
    notes.push("The run's artifact holds no plan.");
  }
  if (leftOut > 0) {
    notes.push(`${leftOut} file${leftOut === 1 ? "" : "s"} left out: not a plan of a stack this comment shows.`);
  }
  const header = [MARKER,
    "**Offline plan** (this pull request comes from a fork, so it gets no `pulumi preview`): the program " +
    "evaluated under Pulumi's mock engine, not a diff against AWS. **Cost estimate**: `./plan` with `--cost`, " +
    "at the list prices of the pull request's own price file: an estimate, not a bill." + run,
    ...notes].join("\n\n");
  // What the header and the blank lines between sections leave, shared equally.
  const left = Math.min(PLAN_BUDGET, MAX_BODY - header.length - 2 * shown.length);
  const each = shown.length === 0 ? 0 : Math.floor(left / shown.length);
  const body = [header, ...shown.map((stack) => stackSections(dir, stack, each))].join("\n\n");
  if (body.length > MAX_BODY) {
    throw new Error(`the comment would be ${body.length} characters, over GitHub's ${MAX_BODY}`);
  }
  return body;
}

/**
 * Posts or updates the comment. `github`, `context` and `core` are actions/github-script's; `dir` holds the
 * downloaded artifact; `headSha` and `runUrl` come from the workflow_run event, not from the artifact.
 */
async function previewComment({ github, context, core, dir, headSha, runUrl }) {
  const number = readRegularFile(dir, "pr-number", SMALL_FILE);
  const text = number === null ? "" : withoutFinalNewline(number.text);
  if (!PR_NUMBER.test(text)) {
    throw new Error("the artifact's pr-number is not a pull request number");
  }
  const prNumber = Number(text);
  const { data: pr } = await github.rest.pulls.get({ ...context.repo, pull_number: prNumber });
  if (pr.head.sha !== headSha) {
    core.notice(`pull request #${prNumber} is now at ${pr.head.sha}, not the planned ${headSha}: no comment`);
    return;
  }
  const body = commentBody(dir, runUrl);
  const comments = await github.paginate(github.rest.issues.listComments, { ...context.repo, issue_number: prNumber });
  const previous = comments.find((c) => c.user && c.user.login === BOT_LOGIN && c.user.type === "Bot"
    && typeof c.body === "string" && c.body.startsWith(MARKER));
  if (previous) {
    await github.rest.issues.updateComment({ ...context.repo, comment_id: previous.id, body });
  } else {
    await github.rest.issues.createComment({ ...context.repo, issue_number: prNumber, body });
  }
}

module.exports = previewComment;
module.exports.commentBody = commentBody;
module.exports.MARKER = MARKER;
module.exports.MAX_BODY = MAX_BODY;
