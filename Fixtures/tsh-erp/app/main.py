from fastapi import FastAPI

app = FastAPI(title="TSH ERP")


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
