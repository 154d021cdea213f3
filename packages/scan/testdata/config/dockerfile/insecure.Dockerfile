# A Dockerfile with one instance of each problem Rampart checks for.
ARG BASE=ubuntu
FROM ${BASE} AS build
MAINTAINER someone@example.org
ENV API_TOKEN=ghp_notarealtokenbutnamedlikeone1234
ARG DB_PASSWORD=Vq3#pL9-xZ2!mK7w
RUN apt-get update && \
    # comment lines inside a continuation are skipped
    apt-get install curl git
RUN curl -fsSL https://get.example.org/install.sh | sh
RUN sudo make install
ADD https://example.org/tool.tar.gz /opt/
WORKDIR app
RUN cd /opt && tar xzf tool.tar.gz
RUN pip install requests flask==3.0.0
RUN apk add openssl
EXPOSE 8080 22
CMD ["echo", "first"]
CMD ["/opt/tool"]
USER root
