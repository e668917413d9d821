# One image for the API, the workers and migrations; it serves the web UI too.
# Built from the repository root (docker-compose.yml: `build: .`).

# The web UI: a static build, copied into the API image below.
FROM node:20-slim AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./
RUN npm run build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never
WORKDIR /app
RUN pip install --no-cache-dir "uv==0.13.8"
COPY backend/requirements.lock backend/pyproject.toml ./
RUN uv pip sync --system --no-cache requirements.lock
COPY backend/src ./src
RUN uv pip install --system --no-cache --no-deps .
COPY --from=web /web/dist ./web
# `patientgen serve` serves the web UI from here (the API stays under /api/v1)
ENV PATIENTGEN_WEB_DIR=/app/web
RUN useradd --create-home patientgen
USER patientgen
EXPOSE 8000
CMD ["patientgen", "serve", "--host", "0.0.0.0", "--port", "8000"]
