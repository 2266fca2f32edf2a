// What a model accepts besides text. SambaNova's /v1/models list does not say which models take
// images, so this knows the vision families SambaNova serves or has served (API-NOTES §5:
// gemma-4-31B-it, Llama-4-Maverick, gemma-3, the Llama 3.2 Vision and Qwen VL models). A model
// not known here is treated as text-only: the composer then says so instead of sending images
// the server would reject.

const visionFamilies = [/^gemma-[34]\b/i, /Llama-4-/i, /vision/i, /(?:^|[-_])VL(?:[-_]|$)/i, /^Qwen[\d.]*-?VL/i, /llava/i, /pixtral/i];

/** True when the model accepts image parts in a user message. */
export function acceptsImages(modelId: string): boolean {
  return visionFamilies.some((family) => family.test(modelId));
}
