/**
 * Public surface of the markdown plan format (PlanData <-> GitHub-flavoured markdown). Rich text
 * of card notes lives in ./rich-text.ts and is not re-exported here, so server code that only
 * exports or imports documents does not load Tiptap.
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
