// Where the command line gets its validators: the one place to change when the generated
// layout changes. The main thread and the worker threads of --jobs (job-worker.ts) load them
// here alike.
import { guardOf, nameTable, validatorOf, type CompiledValidator, type FastValidator, type Model } from "../define-model.js";
import type { ValidationIssue } from "../issues.js";
import { loadBundle } from "./bundle.js";

/** What the command line asks of a model: its title, the fast guard, and every issue of a value it refused. */
export interface ModelCheck {
  readonly name: string;
  readonly is: (value: unknown) => boolean;
  readonly validate: (value: unknown) => { readonly issues?: readonly ValidationIssue[] | undefined };
}

/** Every model of a profile by schema title (the whole API module: about 80 ms to load, so only where any model may be asked for). */
export async function loadModels(strict: boolean): Promise<Readonly<Record<string, Model<unknown>>>> {
  const { models } = strict ? await import("../generated/api-strict.js") : await import("../generated/api-default.js");
  return models as Readonly<Record<string, Model<unknown>>>;
}

type ModelModule = Record<string, unknown>;
/**
 * Each model's own module, in each profile, by title (default, strict): a few milliseconds to
 * load one, where the whole API module takes about 80 (every worker thread of --jobs pays it).
 * A title missing here is loaded from the whole module.
 */
const modules: Readonly<Record<string, readonly [() => Promise<ModelModule>, () => Promise<ModelModule>]>> = nameTable({
  ApiEndpoint: [() => import("../generated/models/default/api-endpoint.js"), () => import("../generated/models/strict/api-endpoint.js")],
  AudioTranscriptionRequest: [() => import("../generated/models/default/audio-transcription-request.js"), () => import("../generated/models/strict/audio-transcription-request.js")],
  BatchAudioTranscriptionRequest: [() => import("../generated/models/default/batch-audio-transcription-request.js"), () => import("../generated/models/strict/batch-audio-transcription-request.js")],
  BatchChatClassificationRequest: [() => import("../generated/models/default/batch-chat-classification-request.js"), () => import("../generated/models/strict/batch-chat-classification-request.js")],
  BatchChatCompletionRequest: [() => import("../generated/models/default/batch-chat-completion-request.js"), () => import("../generated/models/strict/batch-chat-completion-request.js")],
  BatchChatModerationRequest: [() => import("../generated/models/default/batch-chat-moderation-request.js"), () => import("../generated/models/strict/batch-chat-moderation-request.js")],
  BatchClassificationRequest: [() => import("../generated/models/default/batch-classification-request.js"), () => import("../generated/models/strict/batch-classification-request.js")],
  BatchConversationRequest: [() => import("../generated/models/default/batch-conversation-request.js"), () => import("../generated/models/strict/batch-conversation-request.js")],
  BatchEmbeddingRequest: [() => import("../generated/models/default/batch-embedding-request.js"), () => import("../generated/models/strict/batch-embedding-request.js")],
  BatchError: [() => import("../generated/models/default/batch-error.js"), () => import("../generated/models/strict/batch-error.js")],
  BatchFIMCompletionRequest: [() => import("../generated/models/default/batch-fim-completion-request.js"), () => import("../generated/models/strict/batch-fim-completion-request.js")],
  BatchJobOutObject: [() => import("../generated/models/default/batch-job-out-object.js"), () => import("../generated/models/strict/batch-job-out-object.js")],
  BatchJobOut: [() => import("../generated/models/default/batch-job-out.js"), () => import("../generated/models/strict/batch-job-out.js")],
  BatchJobStatus: [() => import("../generated/models/default/batch-job-status.js"), () => import("../generated/models/strict/batch-job-status.js")],
  BatchJob: [() => import("../generated/models/default/batch-job.js"), () => import("../generated/models/strict/batch-job.js")],
  BatchJobsOut: [() => import("../generated/models/default/batch-jobs-out.js"), () => import("../generated/models/strict/batch-jobs-out.js")],
  BatchOCRRequest: [() => import("../generated/models/default/batch-ocr-request.js"), () => import("../generated/models/strict/batch-ocr-request.js")],
  BatchRequest: [() => import("../generated/models/default/batch-request.js"), () => import("../generated/models/strict/batch-request.js")],
  BatchResult: [() => import("../generated/models/default/batch-result.js"), () => import("../generated/models/strict/batch-result.js")],
  ChatClassificationRequest: [() => import("../generated/models/default/chat-classification-request.js"), () => import("../generated/models/strict/chat-classification-request.js")],
  ChatCompletionRequest: [() => import("../generated/models/default/chat-completion-request.js"), () => import("../generated/models/strict/chat-completion-request.js")],
  ChatMessages: [() => import("../generated/models/default/chat-messages.js"), () => import("../generated/models/strict/chat-messages.js")],
  ChatModerationRequest: [() => import("../generated/models/default/chat-moderation-request.js"), () => import("../generated/models/strict/chat-moderation-request.js")],
  ClassificationRequest: [() => import("../generated/models/default/classification-request.js"), () => import("../generated/models/strict/classification-request.js")],
  ConversationRequest: [() => import("../generated/models/default/conversation-request.js"), () => import("../generated/models/strict/conversation-request.js")],
  CreateBatchJobRequest: [() => import("../generated/models/default/create-batch-job-request.js"), () => import("../generated/models/strict/create-batch-job-request.js")],
  DeleteBatchJobResponse: [() => import("../generated/models/default/delete-batch-job-response.js"), () => import("../generated/models/strict/delete-batch-job-response.js")],
  EmbeddingRequest: [() => import("../generated/models/default/embedding-request.js"), () => import("../generated/models/strict/embedding-request.js")],
  FileId: [() => import("../generated/models/default/file-id.js"), () => import("../generated/models/strict/file-id.js")],
  FIMCompletionRequest: [() => import("../generated/models/default/fim-completion-request.js"), () => import("../generated/models/strict/fim-completion-request.js")],
  GuardrailConfig: [() => import("../generated/models/default/guardrail-config.js"), () => import("../generated/models/strict/guardrail-config.js")],
  ListBatchJobsResponse: [() => import("../generated/models/default/list-batch-jobs-response.js"), () => import("../generated/models/strict/list-batch-jobs-response.js")],
  OCRRequest: [() => import("../generated/models/default/ocr-request.js"), () => import("../generated/models/strict/ocr-request.js")],
  Prediction: [() => import("../generated/models/default/prediction.js"), () => import("../generated/models/strict/prediction.js")],
  ResponseFormat: [() => import("../generated/models/default/response-format.js"), () => import("../generated/models/strict/response-format.js")],
  TerminalBatchJobStatus: [() => import("../generated/models/default/terminal-batch-job-status.js"), () => import("../generated/models/strict/terminal-batch-job-status.js")],
  Tools: [() => import("../generated/models/default/tools.js"), () => import("../generated/models/strict/tools.js")],
});

/** The titles of a profile's models, in the order of its bundle (the order of the API's `models`). */
export const modelTitles = (strict: boolean): readonly string[] => Object.keys(loadBundle(strict).definitions);

/** One model's checks, from its own module: the fast validator as the guard, the all-errors one (built on first use) for the issues, as the API's verbs are built. */
export async function loadModel(strict: boolean, title: string): Promise<ModelCheck> {
  const load = Object.hasOwn(modules, title) ? modules[title]![strict ? 1 : 0] : undefined;
  if (!load) return (await loadModels(strict))[title]!;
  const module = await load();
  const fast = module[title] as FastValidator;
  const loadAllErrors = module.loadAllErrors as () => Readonly<Record<string, CompiledValidator>>;
  return { name: title, is: guardOf(fast), validate: validatorOf(fast, () => loadAllErrors()[title]!) };
}
