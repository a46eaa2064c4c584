# Optimised: the dependency manifest is copied alone first, so `npm install` stays cached
# until package*.json change; source edits only re-run the steps after `COPY . .`.
FROM node:20

WORKDIR /usr/src/app

COPY package*.json ./
RUN npm install

COPY . .
RUN npm run build

EXPOSE 3000

CMD ["node", "dist/index.js"]
