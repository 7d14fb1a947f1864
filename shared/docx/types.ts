// The Word file's media type, apart from the writer: the download jobs name it without
// bundling the docx library.
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
