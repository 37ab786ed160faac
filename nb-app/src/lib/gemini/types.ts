/** Gemini REST wire types (camelCase, as the API answers), plus the image reference the platform stores. */
export interface InlineData {
  mimeType: string;
  data: string;
}

export interface ImageRef {
  id: string;
  mimeType: string;
  url?: string;
  thumbUrl?: string;
  width?: number;
  height?: number;
  size?: number;
}

/** A type, not an interface: a Part is also a plain JSON object (the backend stores parts verbatim). */
export type Part = {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: InlineData;
  imageRef?: ImageRef;
};

export type Role = 'user' | 'model';

export interface Content {
  role: Role;
  parts: Part[];
}

export interface ImageOptions {
  aspectRatio?: string;
  imageSize?: string;
}

export interface GenerateRequest {
  model: string;
  contents: Content[];
  image: ImageOptions;
  includeThoughts: boolean;
  grounding: boolean;
}

export interface GenerateResult {
  parts: Part[];
  finishReason?: string;
  finishMessage?: string;
  blockReason?: string;
}
