FROM dockproof/substitute/debian:bookworm-slim-dff7fc1ba66a
WORKDIR /app
WORKDIR /app
WORKDIR /tmp
WORKDIR /
ENV A=1
RUN true
COPY Dockerfile /app/
