import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseModel } from "../../src/classifier/model-file.ts";
import { syntheticReports } from "../../src/classifier/synthetic-reports.ts";
import { parseJsonl, TrainingDataError } from "../../src/classifier/training-data.ts";
import { runEval } from "../../src/cli/eval-command.ts";
import { runTrain } from "../../src/cli/train-command.ts";
import { exampleSigs } from "./example-sigs.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

describe("agora triage train / eval", () => {
  const dir = mkdtempSync(join(tmpdir(), "triage-cli-"));
  const sigs = exampleSigs();
  writeFileSync(join(dir, "a.jsonl"), jsonl(syntheticReports(sigs, 800, 21)));
  writeFileSync(join(dir, "b.jsonl"), jsonl(syntheticReports(sigs, 200, 22)));

  it("train writes a model file that loads", () => {
    const c = capture();
    expect(runTrain(["--input", join(dir, "a.jsonl"), "--out", join(dir, "model.json")], c.output)).toBe(0);
    expect(c.out[0]).toMatch(/^trained linear-svm on 800 bugs, 8 SIGs in \d+\.\d\d s$/);
    expect(c.out[1]).toMatch(/^C = 1, [\d.]+ % on \d+ held-out bugs$/);
    const searched = capture();
    const args = ["--input", join(dir, "a.jsonl"), "--out", join(dir, "searched.json"), "--c", "1,0.3,3"];
    expect(runTrain(args, searched.output)).toBe(0);
    expect(searched.out[1]).toMatch(/^C = [\d.]+, chosen on \d+ held-out bugs \(1: [\d.]+ %, 0\.3: [\d.]+ %, 3: /);
    expect(c.out[2]).toMatch(
      /^temperature [\d.]+, confidence logit × [\d.]+ \+ -?[\d.e-]+ \(cross-fitted on \d+ bugs, 5 folds\), expected calibration error [\d.]+ %$/,
    );
    expect(parseModel(readFileSync(join(dir, "model.json"), "utf8")).labels).toContain("kernel");
  });

  it("train stores the thresholds for a target precision, globally and per SIG", () => {
    const c = capture();
    const out = join(dir, "precise.json");
    expect(runTrain(["--input", join(dir, "a.jsonl"), "--out", out, "--target-precision", "0.9"], c.output)).toBe(0);
    const model = parseModel(readFileSync(out, "utf8"));
    expect(model.thresholds?.targetPrecision).toBe(0.9);
    expect(model.thresholds!.global).toBeGreaterThan(0);
    expect(model.thresholds!.global).toBeLessThanOrEqual(1);
    expect(Object.keys(model.thresholds!.bySig).length).toBeGreaterThan(0);
    expect(c.out.join("\n")).toMatch(/thresholds for precision 0.9: global [\d.]+; /);
  });

  it("takes the model settings, and one C skips the search", () => {
    const c = capture();
    const args = [
      "--input",
      join(dir, "a.jsonl"),
      "--out",
      join(dir, "m2.json"),
      "--c",
      "0.5",
      "--bits",
      "16",
      "--chars",
      "3-4",
      "--weights",
      "title=1,words=1,chars=0.5",
    ];
    expect(runTrain(args, c.output)).toBe(0);
    expect(c.out[1]).toMatch(/^C = 0.5, [\d.]+ % on \d+ held-out bugs$/);
    const model = parseModel(readFileSync(join(dir, "m2.json"), "utf8"));
    expect(model.features).toMatchObject({
      bits: 16,
      charMin: 3,
      charMax: 4,
      weights: { title: 1, words: 1, chars: 0.5 },
    });
  });

  it("eval prints every metric", () => {
    const c = capture();
    expect(
      runEval(["--train", join(dir, "a.jsonl"), "--test", join(dir, "b.jsonl"), "--threshold", "0.6"], c.output),
    ).toBe(0);
    const text = c.out.join("\n");
    for (const label of [
      "bugs          200",
      "accuracy",
      "macro-F1",
      "top-3",
      "per bug ",
      "at threshold 0.6: coverage",
      "confidence    bugs  mean conf.  accuracy",
      "0.9–1.0",
      "expected calibration error",
    ]) {
      expect(text).toContain(label);
    }
  });

  it("names each bad line and field, and writes no model", () => {
    const bad = join(dir, "bad.jsonl");
    writeFileSync(
      bad,
      `{"title":"ok","description":"x","sig":"core"}\n\n{"title":"x","sig":""}\n{not json\n{"description":"d","sig":"docs"}\n`,
    );
    const c = capture();
    expect(runTrain(["--input", bad, "--out", join(dir, "never.json")], c.output)).toBe(1);
    const text = c.err.join("\n");
    expect(text).toContain("line 3: sig: must name a SIG");
    expect(text).toMatch(/line 4: not JSON/);
    expect(text).toMatch(/line 5: title: /);
    expect(text).not.toMatch(/line 1:/);
    expect(() => readFileSync(join(dir, "never.json"))).toThrow();
  });

  it("collects every problem, not only the first", () => {
    try {
      parseJsonl(`{"title":1,"sig":"a"}\n{"title":"t"}\n`, "h.jsonl");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TrainingDataError);
      expect((error as TrainingDataError).problems).toEqual([
        expect.stringMatching(/^line 1: title/),
        expect.stringMatching(/^line 2: sig/),
      ]);
    }
  });

  it("names every missing argument, then the usage", () => {
    const c = capture();
    expect(runEval(["--train", "x"], c.output)).toBe(2);
    expect(c.err).toEqual([
      "agora triage eval: missing --test",
      expect.stringMatching(/^usage: agora triage eval --train /),
    ]);
    const none = capture();
    expect(runTrain([], none.output)).toBe(2);
    expect(none.err[0]).toBe("agora triage train: missing --input, --out");
    const empty = capture();
    expect(runTrain(["--input", "", "--out", "m.json"], empty.output)).toBe(2);
    expect(empty.err[0]).toBe("agora triage train: missing --input");
  });

  it("names a bad threshold or method", () => {
    const c = capture();
    expect(runEval(["--train", "a", "--test", "b", "--threshold", "1.5"], c.output)).toBe(2);
    expect(c.err[0]).toBe("agora triage eval: --threshold must be a number from 0 to 1, not 1.5");
    const method = capture();
    expect(runTrain(["--input", "a", "--out", "b", "--method", "magic"], method.output)).toBe(2);
    expect(method.err[0]).toBe("agora triage train: --method must be linear-svm, softmax, naive-bayes, not magic");
    for (const [option, value, problem] of [
      ["--c", "0,1", "--c must be positive numbers separated by commas, not 0,1"],
      ["--class-weight", "auto", "--class-weight must be balanced or none, not auto"],
      ["--held-out", "0.9", "--held-out must be a number from 0 to 0.5, not 0.9"],
      ["--target-precision", "x", "--target-precision must be a number from 0.01 to 1, not x"],
      ["--chars", "5-2", "--chars must be MIN-MAX with 1 ≤ MIN ≤ MAX ≤ 10, not 5-2"],
      [
        "--weights",
        "title=1,bogus=2",
        "--weights must be family=weight pairs of title, words, chars with weights ≥ 0, not title=1,bogus=2",
      ],
      ["--bits", "30", "--bits must be a whole number from 8 to 26, not 30"],
    ]) {
      const bad = capture();
      expect(runTrain(["--input", "a", "--out", "b", option!, value!], bad.output)).toBe(2);
      expect(bad.err[0]).toBe(`agora triage train: ${problem}`);
    }
  });
});
