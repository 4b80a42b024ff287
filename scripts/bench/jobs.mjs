// Realistic batch jobs from a seeded generator: the bench's varied payloads and the
// command line's large JSONL.

const statuses = ["QUEUED", "RUNNING", "SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLATION_REQUESTED", "CANCELLED"];

/** mulberry32: a small seeded generator, so every run reads the same file. */
export function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function job(rand) {
  const hex = (n) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(rand() * 16)]).join("");
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  const status = statuses[Math.floor(rand() * statuses.length)];
  const total = Math.floor(rand() * 100000);
  const done = status === "QUEUED" ? 0 : Math.floor(rand() * total);
  const failed = Math.floor(rand() * done * 0.05);
  const created = 1730000000 + Math.floor(rand() * 3e7);
  return {
    id: uuid(),
    object: "batch",
    input_files: Array.from({ length: 1 + Math.floor(rand() * 4) }, uuid),
    metadata: rand() < 0.7 ? { team: ["search", "ads", "eval", "support"][Math.floor(rand() * 4)], run: Math.floor(rand() * 1000), nightly: rand() < 0.5 } : null,
    endpoint: ["/v1/chat/completions", "/v1/embeddings", "/v1/fim/completions", "/v1/moderations"][Math.floor(rand() * 4)],
    model: ["mistral-small-latest", "mistral-large-latest", "mistral-embed", "codestral-latest"][Math.floor(rand() * 4)],
    output_file: status === "SUCCESS" ? uuid() : null,
    error_file: failed > 0 ? uuid() : null,
    errors: failed > 0 ? [{ message: `Request ${Math.floor(rand() * total)}: upstream timeout after 600 s`, count: failed }] : [],
    status,
    created_at: created,
    started_at: status === "QUEUED" ? null : created + 30,
    completed_at: ["SUCCESS", "FAILED", "CANCELLED", "TIMEOUT_EXCEEDED"].includes(status) ? created + 3600 : null,
    total_requests: total,
    completed_requests: done,
    succeeded_requests: done - failed,
    failed_requests: failed,
  };
}

