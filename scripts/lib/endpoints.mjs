// Which request body each batch endpoint takes: the one table the generator reads to derive
// the in-batch variant of each body (scripts/lib/schemas.mjs) and to emit
// src/generated/endpoints.ts and the README's endpoint table.
//
// Source: the Mistral AI OpenAPI description (mistralai/platform-docs-public,
// public/openapi.yaml, file of 2026-08-13): the requestBody schema of each path that
// ApiEndpoint names. An endpoint maps to `null` while no schema in schemas/ models its body.

/**
 * ApiEndpoint value → title of the schema of its request body, or `null` when the body is
 * not modelled (yet). `/v1/moderations` and `/v1/classifications` share ClassificationRequest.
 * @type {Readonly<Record<string, string | null>>}
 */
export const endpointBodies = Object.freeze({
  "/v1/chat/completions": "ChatCompletionRequest",
  "/v1/embeddings": "EmbeddingRequest",
  "/v1/fim/completions": "FIMCompletionRequest",
  "/v1/moderations": "ClassificationRequest",
  "/v1/chat/moderations": "ChatModerationRequest",
  "/v1/ocr": "OCRRequest",
  "/v1/classifications": "ClassificationRequest",
  "/v1/chat/classifications": "ChatClassificationRequest",
  "/v1/conversations": "ConversationRequest",
  "/v1/audio/transcriptions": "AudioTranscriptionRequest",
});

/** The body titles of the table, each once, in table order. */
export const batchBodyTitles = () => [...new Set(Object.values(endpointBodies).filter((title) => title !== null))];
