"""The official records as PDFs (ReportLab), and their cryptographic signature (pyHanko)."""
