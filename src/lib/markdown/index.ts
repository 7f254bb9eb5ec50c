/**
 * Public surface of the markdown plan format (PlanData <-> GitHub-flavoured markdown). Notes
 * travel as markdown text here; their rich text (Tiptap) lives in lib/rich-text/ and nothing here
 * loads it, so server code that only exports or imports documents does not load Tiptap
 * (src/lib/layering.spec.ts checks).
 */
export { planToMarkdown, type MarkdownExportOptions } from './export.ts';
export { markdownToPlan, type MarkdownImportError, type MarkdownImportResult } from './import.ts';
export { MARKDOWN_FORMAT_VERSION } from './vocabulary.ts';
export { exportFileName, contentDisposition, fileNameFromContentDisposition } from './file-name.ts';
export {
	markdownExportAnswer,
	markdownImportAnswer,
	isMarkdownContentType,
	MARKDOWN_MEDIA_TYPES,
	type MarkdownExportAnswer,
	type MarkdownImportAnswer
} from './http-answers.ts';
