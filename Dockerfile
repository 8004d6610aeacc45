# Build stage: the db module starts an embedded PostgreSQL during the build to generate the jOOQ classes.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY db db
COPY web web
COPY server server
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/server/target/kappa.jar /app/kappa.jar
ENV KAPPA_HTTP_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD curl -fsS http://127.0.0.1:8080/ready || exit 1
ENTRYPOINT ["java", "-jar", "/app/kappa.jar"]
