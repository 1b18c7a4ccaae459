# Builds Chorus into a small image with no shell. Data lives in /data when no
# MongoDB is given (MONGODB_URI); docker-compose.yml gives one.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/chorus ./cmd/chorus \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/chorus /chorus
COPY --from=build --chown=65532:65532 /out/data /data
ENV CHORUS_ADDR=:8080 \
    CHORUS_DATA_DIR=/data
# The embedded database lives here: keep it in a volume, so that it
# outlives the container (docker run -v chorus-data:/data …).
VOLUME /data
EXPOSE 8080
USER nonroot
# No shell in the image: the binary checks itself, a GET of /healthz on
# CHORUS_ADDR's port (200 only when the database can be reached). The
# start period covers a first start that copies an earlier store.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/chorus", "healthcheck"]
ENTRYPOINT ["/chorus"]
CMD ["serve"]
