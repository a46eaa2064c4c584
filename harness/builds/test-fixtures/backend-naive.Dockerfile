# Naive: all source is copied before `npm install`, so any source edit re-runs the install.
FROM node:20

WORKDIR /usr/src/app

COPY . .
RUN npm install
RUN npm run build

EXPOSE 3000

CMD ["node", "dist/index.js"]
