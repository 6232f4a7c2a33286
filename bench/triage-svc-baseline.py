"""The triage bench's scikit-learn baseline: TF-IDF words 1-2 + chars 2-5, LinearSVC with C chosen by CV.

Reads {"train": [{"text", "label"}], "test": ["text"], "cs": [C...], "seed": n} on stdin; writes the three
best labels of each test text (decision_function order) and the timings on stdout as JSON. The metrics are
computed by the caller, the same way as for Agora's classifier.
"""

import json
import shutil
import sys
import tempfile
import time
import warnings

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

# Classes with fewer members than folds are expected with real products; the warning says only that.
warnings.filterwarnings("ignore", message="The least populated class")

job = json.load(sys.stdin)
texts = [e["text"] for e in job["train"]]
labels = [e["label"] for e in job["train"]]

# The features of a fold do not depend on C: cached, they are computed once per fold, not once per C.
cache = tempfile.mkdtemp(prefix="agora-triage-svc-")
pipeline = Pipeline([
    ("features", FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
    ])),
    ("svc", LinearSVC()),
], memory=cache)
started = time.perf_counter()
if len(job["cs"]) > 1:
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=job["seed"])
    search = GridSearchCV(pipeline, {"svc__C": job["cs"]}, cv=folds, scoring="accuracy", n_jobs=1)
    search.fit(texts, labels)
    search_seconds = time.perf_counter() - started
    model = search.best_estimator_
    best_c, cv_accuracy, refit_seconds = search.best_params_["svc__C"], [float(v) for v in search.cv_results_["mean_test_score"]], search.refit_time_
else:
    # One C: a plain fit, timed as training is (the speed case).
    model = pipeline.set_params(svc__C=job["cs"][0]).fit(texts, labels)
    refit_seconds = time.perf_counter() - started
    search_seconds, best_c, cv_accuracy = 0.0, job["cs"][0], []
shutil.rmtree(cache, ignore_errors=True)
classes = model.classes_

# One bug at a time, as routing a new issue does; the batch figure is beside it.
top3 = []
started = time.perf_counter()
for text in job["test"]:
    scores = model.decision_function([text])
    if scores.ndim == 1:  # two classes: one column, positive for classes[1]
        ranked = [classes[1], classes[0]] if scores[0] > 0 else [classes[0], classes[1]]
    else:
        ranked = [classes[i] for i in scores[0].argsort()[::-1][:3]]
    top3.append([str(label) for label in ranked])
one_at_a_time = time.perf_counter() - started
started = time.perf_counter()
model.decision_function(job["test"])
batch = time.perf_counter() - started

json.dump({
    "top3": top3,
    "bestC": best_c,
    "cvAccuracy": cv_accuracy,
    "searchSeconds": search_seconds,
    "refitSeconds": refit_seconds,
    "msPerBug": one_at_a_time * 1000 / max(len(job["test"]), 1),
    "batchMsPerBug": batch * 1000 / max(len(job["test"]), 1),
}, sys.stdout)
