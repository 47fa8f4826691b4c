# Builds the actorstream node image: docker build -t actorstream .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ActorStream.Node/ActorStream.Node.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /var/lib/actorstream
COPY --from=build /app /opt/actorstream
EXPOSE 9092
VOLUME ["/var/lib/actorstream"]
ENTRYPOINT ["dotnet", "/opt/actorstream/actorstream.dll"]
CMD ["node", "--listen", "0.0.0.0:9092", "--data-dir", "/var/lib/actorstream/data"]
