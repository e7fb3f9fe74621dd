"""The committee clerk's papers: the covering report (report.docx) and the appendices it lists."""
