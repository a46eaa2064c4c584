FROM node:20 AS build
WORKDIR /src
RUN echo built > out.txt

FROM node:20
COPY --from=build /src/out.txt /out.txt
RUN echo "about to fail" && exit 3
CMD ["cat", "/out.txt"]
