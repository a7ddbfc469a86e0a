# The production image of DreamX Studio (used by docker-compose.yml).
# Build: docker build -t dreamx-studio .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props DreamX.Web.sln ./
COPY DreamX.Domain/DreamX.Domain.csproj DreamX.Domain/
COPY DreamX.Infrastructure/DreamX.Infrastructure.csproj DreamX.Infrastructure/
COPY DreamX.Web/DreamX.Web.csproj DreamX.Web/
RUN dotnet restore DreamX.Web/DreamX.Web.csproj
COPY DreamX.Domain/ DreamX.Domain/
COPY DreamX.Infrastructure/ DreamX.Infrastructure/
COPY DreamX.Web/ DreamX.Web/
RUN dotnet publish DreamX.Web/DreamX.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The built-in providers need ffmpeg (clips, compose), espeak-ng (voices) and CJK fonts (captions, subtitles).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg espeak-ng fonts-noto-cjk curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    HOME=/tmp
# The key-encryption certificate's volume: owned by the app user so the first instance can create it there.
RUN mkdir -p /var/lib/dreamx/keys && chown app:app /var/lib/dreamx/keys
USER app
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "DreamX.Web.dll"]
